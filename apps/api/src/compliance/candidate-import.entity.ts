import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ContestEntity } from '../contests/contest.entity.js';
import { UserEntity } from '../users/user.entity.js';

/**
 * One import of candidates (a statement of persons nominated) for a contest. Append-only: a later
 * import that names a constituency supersedes earlier ones for that constituency only, as each
 * returning officer publishes the statement for their own constituency.
 */
@Entity('candidate_imports')
// The newest import of a contest is read with every pact impact (StandingDownService).
@Index('ix_candidate_imports_contest', ['contestId', 'id'])
export class CandidateImportEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column('varchar', { length: 32 })
  contestId!: string;

  @ManyToOne(() => ContestEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'contest_id' })
  contest?: ContestEntity;

  /** `democracy-club`, `pactroom` or `minimal` (libs/compliance). */
  @Column('varchar', { length: 32 })
  layout!: string;

  /** Where it came from, as the importer said (a file name, "shipped ge2019_candidates.csv"). */
  @Column('varchar', { length: 200 })
  source!: string;

  @Column('int')
  rowsRead!: number;

  @Column('int')
  candidates!: number;

  @Column('int')
  constituencies!: number;

  /** The problems found (first 200), as the import answer listed them. */
  @Column('jsonb')
  problems!: unknown;

  @Column('uuid')
  importedBy!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'imported_by' })
  importer?: UserEntity;

  @Column('timestamptz', { default: () => 'now()' })
  importedAt!: Date;
}
