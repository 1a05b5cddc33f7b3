import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { LocalPartyEntity } from '../../local-parties/local-party.entity.js';
import { ContestEntity } from '../../contests/contest.entity.js';
import { ElectionEntity } from '../../reference/election.entity.js';
import { UserEntity } from '../../users/user.entity.js';

/**
 * A pact's current state. Terms live in immutable revisions; every change of this row is made
 * under `SELECT … FOR UPDATE` together with its audit event, in one transaction.
 */
@Entity('pacts')
@Index(['createdAt', 'id'])
@Index(['status'])
@Check(
  'ck_pacts_status',
  `"status" IN ('draft', 'proposed', 'signed', 'ratified', 'declined', 'withdrawn', 'expired', 'rejected', 'terminated')`,
)
@Check('ck_pacts_current_revision', '"current_revision" >= 1')
export class PactEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('varchar', { length: 200 })
  title!: string;

  @Column('varchar', { length: 16 })
  electionCode!: string;

  @ManyToOne(() => ElectionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'election_code' })
  election?: ElectionEntity;

  /** The contest the pact is for; conflicts are checked within it. */
  @Column('varchar', { length: 32 })
  contestId!: string;

  @ManyToOne(() => ContestEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'contest_id' })
  contest?: ContestEntity;

  @Column('varchar', { length: 16 })
  status!: string;

  @Column('uuid')
  authorLocalPartyId!: string;

  @ManyToOne(() => LocalPartyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'author_local_party_id' })
  authorLocalParty?: LocalPartyEntity;

  @Column('int')
  currentRevision!: number;

  @Column('timestamptz')
  respondBy!: Date;

  @Column('timestamptz', { nullable: true })
  proposedAt!: Date | null;

  @Column('uuid')
  createdBy!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by' })
  creator?: UserEntity;

  @Column('timestamptz')
  createdAt!: Date;

  @Column('timestamptz')
  updatedAt!: Date;
}
