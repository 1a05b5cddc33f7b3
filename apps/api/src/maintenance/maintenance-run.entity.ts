import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A one-off maintenance step the app ran at boot (e.g. `list-keys-v2`), so it runs once. */
@Entity('maintenance_runs')
export class MaintenanceRunEntity {
  @PrimaryColumn('varchar', { length: 64 })
  name!: string;

  @Column('timestamptz')
  doneAt!: Date;
}
