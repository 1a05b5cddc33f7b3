import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { ConstituencyResultEntity } from './constituency-result.entity.js';
import { PartyEntity } from './party.entity.js';

/** One candidate as published; `ind` and `other` party votes are sums over several of these. */
@Entity('candidates')
@Index(['electionCode', 'constituencyId'])
@Check('ck_candidates_votes', '"votes" >= 0')
export class CandidateEntity {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'ALWAYS' })
  id!: number;

  @Column('varchar', { length: 16 })
  electionCode!: string;

  @Column('int')
  constituencyId!: number;

  @ManyToOne(() => ConstituencyResultEntity, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'election_code', referencedColumnName: 'electionCode' },
    { name: 'constituency_id', referencedColumnName: 'constituencyId' },
  ])
  result?: ConstituencyResultEntity;

  @Column('varchar', { length: 16 })
  partyCode!: string;

  @ManyToOne(() => PartyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'party_code' })
  party?: PartyEntity;

  @Column('varchar', { length: 200 })
  name!: string;

  @Column('int')
  votes!: number;

  @Column('boolean')
  elected!: boolean;
}
