import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { LocalPartyEntity } from './local-party.entity.js';

/**
 * What happened to a local party and who did it: `local_party.created`, `local_party.edited`
 * (name from/to, seats added/removed), `local_party.retired` (reason). Written in the transaction
 * of the change; append-only (a trigger refuses UPDATE, DELETE and TRUNCATE).
 */
@Entity('local_party_events')
@Index('ix_local_party_events_local_party_id', ['localPartyId', 'id'])
export class LocalPartyEventEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column('uuid')
  localPartyId!: string;

  @ManyToOne(() => LocalPartyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'local_party_id' })
  localParty?: LocalPartyEntity;

  @Column('varchar', { length: 40 })
  action!: string;

  /** Null for what the platform itself did (the demo seed). */
  @Column('uuid', { nullable: true })
  actorUserId!: string | null;

  @Column('varchar', { length: 16 })
  actorRole!: string;

  /** The actor's name as of the event. */
  @Column('varchar', { length: 200, nullable: true })
  actorName!: string | null;

  @Column('jsonb')
  payload!: object;

  @Column('timestamptz', { default: () => 'now()' })
  occurredAt!: Date;
}
