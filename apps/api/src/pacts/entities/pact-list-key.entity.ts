import { Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { PactEntity } from './pact.entity.js';

/**
 * The list index: a pact filed under the keys of everyone who may see it, plain and qualified by
 * each filter term it matches (`listKeysOf` in libs/negotiation), with its creation time so one
 * key's pacts come out newest first straight from the primary key. Rows are only added
 * (append-only trigger), so a pact keeps the keys of its earlier states; the list re-checks
 * visibility and the filters on what it finds.
 */
@Entity('pact_list_keys')
export class PactListKeyEntity {
  @PrimaryColumn('varchar', { length: 160 })
  key!: string;

  @PrimaryColumn('timestamptz')
  pactCreatedAt!: Date;

  @PrimaryColumn('uuid')
  pactId!: string;

  @ManyToOne(() => PactEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'pact_id' })
  pact?: PactEntity;
}
