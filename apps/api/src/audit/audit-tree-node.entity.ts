import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The hash of a complete subtree of the audit log: 2^level leaves starting at leaf
 * `nodeIndex × 2^level` (level 0: a leaf hash). Kept so an inclusion or consistency proof needs
 * O(log² n) look-ups instead of hashing every leaf; derived from the leaves, append-only.
 */
@Entity('audit_tree_nodes')
export class AuditTreeNodeEntity {
  @PrimaryColumn('smallint')
  level!: number;

  @PrimaryColumn('bigint')
  nodeIndex!: string;

  @Column('char', { length: 64 })
  hash!: string;
}
