import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UserEntity } from '../../users/user.entity.js';
import { PactEntity } from './pact.entity.js';

/** One immutable version of a pact's terms (a trigger refuses UPDATE and DELETE). */
@Entity('pact_revisions')
export class PactRevisionEntity {
  @PrimaryColumn('uuid')
  pactId!: string;

  @PrimaryColumn('int')
  number!: number;

  @ManyToOne(() => PactEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'pact_id' })
  pact?: PactEntity;

  /** SHA-256 hex of `canonicalTerms`. */
  @Column('char', { length: 64 })
  hash!: string;

  /** The exact canonical JSON that was hashed, kept so anyone can recompute the hash. */
  @Column('text')
  canonicalTerms!: string;

  @Column('uuid')
  authorLocalPartyId!: string;

  @Column('uuid')
  createdBy!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by' })
  creator?: UserEntity;

  @Column('timestamptz')
  createdAt!: Date;
}
