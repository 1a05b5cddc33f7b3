import type { AuditActor } from '@pactroom/audit-chain';
import { Column } from 'typeorm';

/**
 * The columns every hash-chained audit row has, whatever its chain (a pact's: `audit_events`; an
 * account's: `account_audit_events`): its link, its hash, what happened, who did it (as hashed),
 * the payload and the instant. Each entity adds its chain id and `seq` as its primary key.
 */
export abstract class ChainEventColumns {
  @Column('char', { length: 64 })
  prevHash!: string;

  @Column('char', { length: 64 })
  hash!: string;

  @Column('varchar', { length: 40 })
  action!: string;

  @Column('uuid', { nullable: true })
  actorUserId!: string | null;

  @Column('varchar', { length: 16 })
  actorRole!: string;

  @Column('uuid', { nullable: true })
  actorLocalPartyId!: string | null;

  @Column('varchar', { length: 16, nullable: true })
  actorParty!: string | null;

  @Column('varchar', { length: 32, nullable: true })
  actorRegion!: string | null;

  /** The actor's name as of the event; null on system events and events from before names. */
  @Column('varchar', { length: 200, nullable: true })
  actorName!: string | null;

  @Column('jsonb')
  payload!: unknown;

  /** Millisecond precision, read back with toISOString(): the exact string that was hashed. */
  @Column('timestamptz')
  occurredAt!: Date;
}

/** What a chained event states beyond its chain id and seq, as the lib's events carry it. */
export interface ChainEventFields {
  readonly prevHash: string;
  readonly hash: string;
  readonly action: string;
  readonly actor: AuditActor;
  readonly payload: unknown;
  /** ISO 8601, the exact string that was hashed. */
  readonly occurredAt: string;
}

/** A stored row's fields; a null name is no member at all, as the event was hashed. */
export function fieldsOfRow(row: ChainEventColumns): ChainEventFields {
  const actor: AuditActor = {
    userId: row.actorUserId,
    role: row.actorRole,
    localPartyId: row.actorLocalPartyId,
    party: row.actorParty,
    region: row.actorRegion,
  };
  return {
    prevHash: row.prevHash,
    hash: row.hash,
    action: row.action,
    actor: row.actorName === null ? actor : { ...actor, name: row.actorName },
    payload: row.payload,
    occurredAt: row.occurredAt.toISOString(),
  };
}

/** An event's fields as the row's columns (its payload is a JSON object: the lib hashed it). */
export function columnsOfEvent(
  event: ChainEventFields,
): Omit<ChainEventColumns, 'payload'> & { payload: object } {
  return {
    prevHash: event.prevHash,
    hash: event.hash,
    action: event.action,
    actorUserId: event.actor.userId,
    actorRole: event.actor.role,
    actorLocalPartyId: event.actor.localPartyId,
    actorParty: event.actor.party,
    actorRegion: event.actor.region,
    actorName: event.actor.name ?? null,
    payload: event.payload as object,
    occurredAt: new Date(event.occurredAt),
  };
}
