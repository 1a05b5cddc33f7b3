import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ConstituencyEntity } from './constituency.entity.js';
import { ElectionEntity } from './election.entity.js';
import { PartyEntity } from './party.entity.js';

@Entity('constituency_results')
@Check(
  'ck_constituency_results_counts',
  '"valid_votes" >= 0 AND "valid_votes" <= "electorate" AND "majority" >= 0',
)
export class ConstituencyResultEntity {
  @PrimaryColumn('varchar', { length: 16 })
  electionCode!: string;

  @PrimaryColumn('int')
  constituencyId!: number;

  @ManyToOne(() => ElectionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'election_code' })
  election?: ElectionEntity;

  @ManyToOne(() => ConstituencyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'constituency_id' })
  constituency?: ConstituencyEntity;

  @Column('int')
  electorate!: number;

  @Column('int')
  validVotes!: number;

  @Column('varchar', { length: 16 })
  winnerParty!: string;

  @ManyToOne(() => PartyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'winner_party' })
  winner?: PartyEntity;

  @Column('int')
  majority!: number;
}
