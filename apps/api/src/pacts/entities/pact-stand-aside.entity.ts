import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { PactRevisionEntity } from './pact-revision.entity.js';

/**
 * The stand-asides of each revision as rows, for the cross-pact conflict check and the list
 * filters (constituency, region) — both indexed look-ups rather than scans of revision JSON.
 */
@Entity('pact_stand_asides')
@Index(['onsCode', 'partyCode'])
@Index(['onsCode', 'partyCode', 'beneficiaryParty'])
@Index(['onsCode', 'beneficiaryParty'])
@Index(['regionSlug'])
export class PactStandAsideEntity {
  @PrimaryColumn('uuid')
  pactId!: string;

  @PrimaryColumn('int')
  revisionNumber!: number;

  @PrimaryColumn('varchar', { length: 16 })
  partyCode!: string;

  @PrimaryColumn('varchar', { length: 9 })
  onsCode!: string;

  @ManyToOne(() => PactRevisionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'pact_id', referencedColumnName: 'pactId' },
    { name: 'revision_number', referencedColumnName: 'number' },
  ])
  revision?: PactRevisionEntity;

  @Column('varchar', { length: 16 })
  beneficiaryParty!: string;

  @Column('varchar', { length: 32 })
  regionSlug!: string;
}
