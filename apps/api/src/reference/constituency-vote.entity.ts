import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ConstituencyResultEntity } from './constituency-result.entity.js';
import { PartyEntity } from './party.entity.js';

/** Votes of one party code in one constituency result (only parties that stood). */
@Entity('constituency_votes')
@Check('ck_constituency_votes_votes', '"votes" >= 0')
export class ConstituencyVoteEntity {
  @PrimaryColumn('varchar', { length: 16 })
  electionCode!: string;

  @PrimaryColumn('int')
  constituencyId!: number;

  @PrimaryColumn('varchar', { length: 16 })
  partyCode!: string;

  @ManyToOne(() => ConstituencyResultEntity, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'election_code', referencedColumnName: 'electionCode' },
    { name: 'constituency_id', referencedColumnName: 'constituencyId' },
  ])
  result?: ConstituencyResultEntity;

  @ManyToOne(() => PartyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'party_code' })
  party?: PartyEntity;

  @Column('int')
  votes!: number;
}
