import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { RegionEntity } from './region.entity.js';

/** A constituency of one boundary set; the same ONS code may exist in both sets (5 Scottish seats). */
@Entity('constituencies')
@Unique(['boundarySet', 'onsCode'])
export class ConstituencyEntity {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'ALWAYS' })
  id!: number;

  @Column('varchar', { length: 4 })
  boundarySet!: string;

  @Column('varchar', { length: 9 })
  onsCode!: string;

  @Column('varchar', { length: 100 })
  name!: string;

  @Column('varchar', { length: 32 })
  regionSlug!: string;

  @ManyToOne(() => RegionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_slug' })
  region?: RegionEntity;

  @Column('varchar', { length: 32 })
  country!: string;

  /** The name as search compares it (`searchKey`: no accents or punctuation, `&` as `and`). */
  @Column('varchar', { length: 200, default: '' })
  searchName!: string;
}
