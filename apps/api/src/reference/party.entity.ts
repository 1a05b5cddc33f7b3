import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('parties')
export class PartyEntity {
  @PrimaryColumn('varchar', { length: 16 })
  code!: string;

  @Column('varchar', { length: 100 })
  name!: string;

  @Column('varchar', { length: 7 })
  colour!: string;
}
