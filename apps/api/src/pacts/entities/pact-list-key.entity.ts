import { Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { PactEntity } from './pact.entity.js';

/**
 * The list index: a pact filed under the keys of everyone who may see it, plain and qualified by
 * each filter term it matches (`listKeysOf` in libs/negotiation), with its creation time so one
 * key's pacts come out newest first straight from the primary key. Exact: a pact's rows are those
 * of its current state, replaced on every change (pact-store.ts), so visibility and filters are
 * read from them.
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
