import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ScenarioEntity } from '../scenarios/scenario.entity.js';

/**
 * An election a pact is *for* (libs/contests `Contest`). The shipped contests are written by their
 * migration; an admin sets `polling_day` when an election is called (each change is kept in
 * `contest_changes`).
 */
@Entity('contests')
@Check('ck_contests_kind', `"kind" IN ('general')`)
@Check(
  'ck_contests_polling_day_known',
  '"polling_day" IS NOT NULL OR "parliament_first_met" IS NOT NULL',
)
export class ContestEntity {
  @PrimaryColumn('varchar', { length: 32 })
  id!: string;

  @Column('varchar', { length: 200 })
  name!: string;

  @Column('varchar', { length: 16 })
  kind!: string;

  @Column('varchar', { length: 4 })
  boundarySet!: string;

  /** The result set projections start from (an `elections.code`, loaded at boot). */
  @Column('varchar', { length: 16 })
  baselineElectionCode!: string;

  @Column('date', { nullable: true })
  pollingDay!: string | null;

  @Column('date', { nullable: true })
  parliamentFirstMet!: string | null;

  /** Days of public thanksgiving or mourning that are not bank holidays. */
  @Column('date', { array: true, default: () => "'{}'" })
  extraNonWorkingDays!: string[];

  /** The published scenario its pacts' impacts use unless a viewer picks another (null: baseline). */
  @Column('uuid', { nullable: true })
  currentScenarioId!: string | null;

  @ManyToOne(() => ScenarioEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'current_scenario_id' })
  currentScenario?: ScenarioEntity;

  @Column('timestamptz', { default: () => 'now()' })
  updatedAt!: Date;
}
