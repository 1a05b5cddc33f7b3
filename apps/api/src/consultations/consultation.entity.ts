import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { PactEntity } from '../pacts/entities/pact.entity.js';
import { UserEntity } from '../users/user.entity.js';

/**
 * A consultation of one party's members in one region on one revision of a pact (issue 15): opened
 * by that party's coordinator for the region once the pact is signed; closed at `closesAt` (or
 * early by its opener) with its published result, or voided when the terms change. One per
 * party × region × revision. Never deleted; its row changes only when it ends.
 */
@Entity('consultations')
@Unique('uq_consultations_slot_revision', ['pactId', 'revision', 'partyCode', 'regionSlug'])
@Index('ix_consultations_open', ['closesAt'], { where: '"ended_at" IS NULL' })
export class ConsultationEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  pactId!: string;

  @ManyToOne(() => PactEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'pact_id' })
  pact?: PactEntity;

  /** The revision it is about: its terms, and only those, are what members answer on. */
  @Column('int')
  revision!: number;

  @Column('varchar', { length: 16 })
  partyCode!: string;

  @Column('varchar', { length: 32 })
  regionSlug!: string;

  /** `region`: the party's members in the region; `local-parties`: those of its local parties in the pact. */
  @Column('varchar', { length: 16 })
  scope!: string;

  /** For `local-parties`: the party's participating local parties whose seats the pact touches. */
  @Column('uuid', { array: true })
  localPartyIds!: string[];

  /** Chosen at opening, never changed: a secret ballot publishes no names with stances. */
  @Column('boolean')
  secret!: boolean;

  /** Percent of the electorate that must take part. */
  @Column('double precision')
  quorum!: number;

  /** Agree must be more than this percent of the votes cast. */
  @Column('double precision')
  threshold!: number;

  /** How many members may take part (those listed in `consultation_electors`). */
  @Column('int')
  electorate!: number;

  @Column('timestamptz')
  closesAt!: Date;

  @Column('uuid')
  openedBy!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'opened_by' })
  opener?: UserEntity;

  @Column('timestamptz')
  openedAt!: Date;

  /** When it closed or was voided; null while open (the sweep closes it at `closesAt`). */
  @Column('timestamptz', { nullable: true })
  endedAt!: Date | null;

  /** `closed` (with a result) or `voided` (the terms changed, or the pact ended unratified). */
  @Column('varchar', { length: 16, nullable: true })
  ending!: string | null;

  /** Who closed it early; null when the clock closed it or a change voided it. */
  @Column('uuid', { nullable: true })
  endedBy!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'ended_by' })
  ender?: UserEntity;

  /** The published result at close (libs/consultation `publishResult`). */
  @Column('jsonb', { nullable: true })
  result!: unknown;
}

/** Who may take part, fixed when it opens (append-only): who voted is known, how is not if secret. */
@Entity('consultation_electors')
export class ConsultationElectorEntity {
  @PrimaryColumn('uuid')
  consultationId!: string;

  @PrimaryColumn('uuid')
  userId!: string;

  @ManyToOne(() => ConsultationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'consultation_id' })
  consultation?: ConsultationEntity;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;
}

/** Every stance as given (append-only): the latest per member counts, every change is kept. */
@Entity('consultation_stances')
@Index('ix_consultation_stances_voter', ['consultationId', 'userId', 'id'])
export class ConsultationStanceEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column('uuid')
  consultationId!: string;

  @ManyToOne(() => ConsultationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'consultation_id' })
  consultation?: ConsultationEntity;

  @Column('uuid')
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  /** agree, abstain, disagree or block. */
  @Column('varchar', { length: 16 })
  stance!: string;

  @Column('text', { nullable: true })
  reason!: string | null;

  @Column('timestamptz')
  recordedAt!: Date;
}
