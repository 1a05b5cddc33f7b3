import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UserEntity } from '../users/user.entity.js';

/**
 * A refresh token, stored as the SHA-256 of its secret part. Tokens of one login form a family:
 * each refresh marks the presented token used and issues the next; presenting a used token again
 * means it was stolen, so the whole family is revoked. Access tokens carry the family id, so a
 * revoked family also stops its access tokens at once.
 */
@Entity('refresh_tokens')
@Index(['familyId'])
export class RefreshTokenEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  familyId!: string;

  @Column('uuid')
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Column('char', { length: 64 })
  secretHash!: string;

  @Column('timestamptz')
  issuedAt!: Date;

  @Column('timestamptz')
  expiresAt!: Date;

  @Column('timestamptz', { nullable: true })
  usedAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  revokedAt!: Date | null;
}
