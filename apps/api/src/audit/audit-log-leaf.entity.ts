import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One leaf of the audit log (RFC 9162 style): the head of one pact's audit chain when a checkpoint
 * logged it. Leaves are appended in order and never change (append-only trigger); the Merkle tree
 * over them is signed by `audit_tree_heads`.
 */
@Entity('audit_log_leaves')
@Index('uq_audit_log_leaves_chain_id_seq', ['chainId', 'seq'], { unique: true })
@Index('ix_audit_log_leaves_chain_id_leaf_index', ['chainId', 'leafIndex'])
export class AuditLogLeafEntity {
  /** 0, 1, 2… in append order. */
  @PrimaryColumn('bigint')
  leafIndex!: string;

  /** The audit chain: a pact's id. */
  @Column('uuid')
  chainId!: string;

  @Column('int')
  seq!: number;

  @Column('char', { length: 64 })
  headHash!: string;
}
