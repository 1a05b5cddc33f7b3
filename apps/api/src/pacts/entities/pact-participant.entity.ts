import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { LocalPartyEntity } from '../../local-parties/local-party.entity.js';
import { PactEntity } from './pact.entity.js';

/** A local party taking part in a pact; party and region copied for visibility queries. */
@Entity('pact_participants')
@Index(['localPartyId'])
@Index(['partyCode', 'regionSlug'])
export class PactParticipantEntity {
  @PrimaryColumn('uuid')
  pactId!: string;

  @PrimaryColumn('uuid')
  localPartyId!: string;

  @ManyToOne(() => PactEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'pact_id' })
  pact?: PactEntity;

  @ManyToOne(() => LocalPartyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'local_party_id' })
  localParty?: LocalPartyEntity;

  @Column('varchar', { length: 16 })
  partyCode!: string;

  @Column('varchar', { length: 32 })
  regionSlug!: string;
}
