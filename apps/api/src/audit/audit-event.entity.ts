import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ChainEventColumns } from './chain-event-columns.js';
import { PactEntity } from '../pacts/entities/pact.entity.js';

/**
 * One append-only, hash-chained audit event of a pact (`libs/audit-chain`). A trigger refuses
 * UPDATE, DELETE and TRUNCATE; the primary key (pact, seq) makes two appends at one seq impossible.
 */
@Entity('audit_events')
@Index(['occurredAt'])
export class AuditEventEntity extends ChainEventColumns {
  @PrimaryColumn('uuid')
  pactId!: string;

  @PrimaryColumn('int')
  seq!: number;

  @ManyToOne(() => PactEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'pact_id' })
  pact?: PactEntity;
}
