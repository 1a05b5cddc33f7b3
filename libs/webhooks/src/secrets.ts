/** A secret of an endpoint as stored: valid until `expiresAt` (null: until rotated). */
export interface StoredSecret {
  readonly secret: string;
  readonly createdAt: string;
  readonly expiresAt: string | null;
}

/** How long the previous secret stays valid after a rotation, so receivers can switch over. */
export const ROTATION_OVERLAP_HOURS = 24;

/** The secrets to sign with at `now`: every one not yet expired, newest first. */
export function validSecrets(secrets: readonly StoredSecret[], now: Date): string[] {
  return secrets
    .filter((s) => s.expiresAt === null || Date.parse(s.expiresAt) > now.getTime())
    .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt))
    .map((s) => s.secret);
}

/**
 * The secrets after a rotation to `fresh`: the previous ones stay valid for the overlap (or less,
 * if they already expire sooner). Expired secrets are dropped: they can no longer sign anything,
 * and a secret kept at rest is only a liability.
 */
export function rotateSecrets(
  secrets: readonly StoredSecret[],
  fresh: string,
  now: Date,
  overlapHours = ROTATION_OVERLAP_HOURS,
): StoredSecret[] {
  const overlapEnd = now.getTime() + overlapHours * 3_600_000;
  const kept = secrets
    .filter((s) => s.expiresAt === null || Date.parse(s.expiresAt) > now.getTime())
    .map((s) => ({
      ...s,
      expiresAt: new Date(
        s.expiresAt === null ? overlapEnd : Math.min(Date.parse(s.expiresAt), overlapEnd),
      ).toISOString(),
    }));
  return [{ secret: fresh, createdAt: now.toISOString(), expiresAt: null }, ...kept];
}
