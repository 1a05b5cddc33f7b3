import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('regions')
export class RegionEntity {
  @PrimaryColumn('varchar', { length: 32 })
  slug!: string;

  @Column('varchar', { length: 64 })
  name!: string;

  @Column('varchar', { length: 32 })
  country!: string;
}
