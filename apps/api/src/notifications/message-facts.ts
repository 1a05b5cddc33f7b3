import { isSecurityKind, type MessageFacts, type NotificationKind } from '@pactroom/notifications';
import type { EntityManager } from 'typeorm';

/** What a message is about: one person, one kind as they see it, one event. */
export interface FactsSource {
  readonly userId: string | null;
  readonly kind: string;
  readonly pactId: string | null;
  readonly actorUserId: string | null;
  readonly data: Record<string, unknown>;
}

/** The delivery and its event, as the mail worker loads them. */
export interface DeliveryRow extends FactsSource {
  readonly id: string;
  readonly eventId: string;
  readonly toAddress: string;
  readonly status: string;
  readonly attempts: number;
  readonly eventKind: string;
}

/** The names a message mentions, as of now (the inbox selects the same columns per item). */
export interface NamesRow {
  readonly recipient: string | null;
  readonly actor: string | null;
  readonly title: string | null;
  readonly respondBy: Date | null;
  readonly localParty: string | null;
  readonly region: string | null;
  readonly invitedBy: string | null;
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** The links a mail's main button opens. */
export function accountLink(publicUrl: string, kind: string, token: string | null): string {
  if (kind === 'account.invited' && token) {
    return `${publicUrl}/invitation/${token}`;
  }
  if (kind === 'account.password-reset' && token) {
    return `${publicUrl}/password-reset/${token}`;
  }
  return `${publicUrl}/sign-in`;
}

/**
 * Resolves what a message mentions to names as of now: the recipient, the pact's title, who acted
 * and for which local party (or as coordinator of which region), never an id.
 */
export async function messageFactsOf(
  manager: EntityManager,
  delivery: FactsSource,
  publicUrl: string,
): Promise<{ greeting: string; facts: MessageFacts }> {
  const [row] = await manager.query<NamesRow[]>(
    `SELECT r.name AS "recipient", a.name AS "actor", p.title, p.respond_by AS "respondBy",
            lp.name AS "localParty", rg.name AS "region", inviter.name AS "invitedBy"
       FROM (SELECT 1) one
       LEFT JOIN users r ON r.id = $1
       LEFT JOIN users a ON a.id = $2
       LEFT JOIN pacts p ON p.id = $3
       LEFT JOIN local_parties lp ON lp.id = $4
       LEFT JOIN regions rg ON rg.slug = $5
       LEFT JOIN users inviter ON inviter.id = $2`,
    [
      delivery.userId,
      delivery.actorUserId,
      delivery.pactId,
      text(delivery.data.actorLocalPartyId),
      text(delivery.data.actorRegion),
    ],
  );
  const greeting = row?.recipient ? `Dear ${row.recipient},` : 'Hello,';
  return { greeting, facts: factsOfNames(delivery, row, publicUrl) };
}

/** The facts of a message from its source and the names found for it. */
export function factsOfNames(
  delivery: FactsSource,
  row: NamesRow | undefined,
  publicUrl: string,
): MessageFacts {
  const kind = delivery.kind as NotificationKind;
  if (isSecurityKind(kind)) {
    return {
      kind,
      recipientName: row?.recipient ?? '',
      link: accountLink(publicUrl, kind, text(delivery.data.token)),
      expiresAt: text(delivery.data.expiresAt),
      invitedBy: text(delivery.data.invitedByName) ?? row?.invitedBy ?? null,
    };
  }
  // A national HQ acting for a local party is named as such: its officers did not do it.
  const forLocalParty =
    row?.localParty && delivery.data.actorRole === 'national'
      ? `party HQ, for ${row.localParty}`
      : row?.localParty;
  const capacity = forLocalParty ?? (row?.region ? `coordinator, ${row.region}` : null);
  const actor = row?.actor ? (capacity ? `${row.actor} (${capacity})` : row.actor) : null;
  const revision = delivery.data.revision;
  return {
    kind,
    recipientName: row?.recipient ?? '',
    pactTitle: row?.title ?? undefined,
    actor,
    revision: typeof revision === 'number' ? revision : null,
    // A compliance check's findings travel as its note, shown where a reason would be.
    reason: text(delivery.data.reason) ?? text(delivery.data.note),
    // A consultation's message gives its closing time where a pact's gives its respond-by.
    respondBy:
      text(delivery.data.closesAt) ??
      (row?.respondBy ? new Date(row.respondBy).toISOString() : null),
    link:
      typeof delivery.data.consultationId === 'string'
        ? `${publicUrl}/consultation/${delivery.data.consultationId}`
        : `${publicUrl}/pact/${delivery.pactId}`,
  };
}
