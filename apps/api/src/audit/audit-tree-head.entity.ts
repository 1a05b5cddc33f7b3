import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A signed tree head: the size and Merkle root of the audit log at a checkpoint, hash-chained to
 * the one before and signed with the platform's Ed25519 key. Tree heads name no pact, so anyone
 * signed in may read and keep them.
 */
@Entity('audit_tree_heads')
export class AuditTreeHeadEntity {
  @PrimaryColumn('int')
  seq!: number;

  @Column('char', { length: 64 })
  prevHash!: string;

  @Column('bigint')
  treeSize!: string;

  @Column('char', { length: 64 })
  rootHash!: string;

  @Column('timestamptz')
  createdAt!: Date;

  @Column('char', { length: 64 })
  hash!: string;

  /** Base64 Ed25519 signature over `hash`. */
  @Column('text')
  signature!: string;

  /** SHA-256 of the signing public key (DER), so a key rotation is visible. */
  @Column('char', { length: 64 })
  keyId!: string;
}
