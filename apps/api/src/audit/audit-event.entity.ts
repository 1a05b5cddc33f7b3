import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { PactEntity } from '../pacts/entities/pact.entity.js';

/**
 * One append-only, hash-chained audit event of a pact (`libs/audit-chain`). A trigger refuses
 * UPDATE, DELETE and TRUNCATE; the primary key (pact, seq) makes two appends at one seq impossible.
 */
@Entity('audit_events')
@Index(['occurredAt'])
export class AuditEventEntity {
  @PrimaryColumn('uuid')
  pactId!: string;

  @PrimaryColumn('int')
  seq!: number;

  @ManyToOne(() => PactEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'pact_id' })
  pact?: PactEntity;

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
