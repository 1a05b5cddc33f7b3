import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('elections')
export class ElectionEntity {
  @PrimaryColumn('varchar', { length: 16 })
  code!: string;

  @Column('varchar', { length: 100 })
  name!: string;

  @Column('date')
  heldOn!: string;

  @Column('varchar', { length: 4 })
  boundarySet!: string;

  /** SHA-256 of the results and candidates files the rows were loaded from: a reload is skipped when unchanged. */
  @Column('char', { length: 64 })
  sourceSha256!: string;

  @Column('timestamptz')
  loadedAt!: Date;
}
