import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UserEntity } from '../users/user.entity.js';

/**
 * A published swing scenario (issue 16): named poll shares an admin publishes for one baseline
 * result set (and so one boundary set). Append-only: a published scenario is never edited or
 * deleted (a correction is a new scenario), so every impact computed from it can be traced back.
 */
@Entity('scenarios')
@Index('ix_scenarios_boundary_set', ['boundarySet', 'createdAt'])
export class ScenarioEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('varchar', { length: 200 })
  name!: string;

  /** Where the shares come from: a pollster, an average, a URL. */
  @Column('varchar', { length: 1000 })
  source!: string;

  /** The day the shares describe (fieldwork end, average date). */
  @Column('date')
  asOf!: string;

  /** The result set the swing was checked against (`elections.code`). */
  @Column('varchar', { length: 16 })
  electionCode!: string;

  @Column('varchar', { length: 4 })
  boundarySet!: string;

  /** The engine's `Swing` (model, basis, shares, regions, proxies). */
  @Column('jsonb')
  swing!: Record<string, unknown>;

  @Column('uuid')
  createdBy!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by' })
  creator?: UserEntity;

  @Column('timestamptz', { default: () => 'now()' })
  createdAt!: Date;
}
