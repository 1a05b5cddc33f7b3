import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { UserEntity } from '../../users/user.entity.js';
import { PactRevisionEntity } from './pact-revision.entity.js';

/** A coordinator's ratification of a revision for one required slot (party × region). */
@Entity('pact_approvals')
@Unique('uq_pact_approvals_slot_revision', ['pactId', 'revisionNumber', 'partyCode', 'regionSlug'])
export class PactApprovalEntity {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'ALWAYS' })
  id!: number;

  @Column('uuid')
  pactId!: string;

  @Column('int')
  revisionNumber!: number;

  @ManyToOne(() => PactRevisionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'pact_id', referencedColumnName: 'pactId' },
    { name: 'revision_number', referencedColumnName: 'number' },
  ])
  revision?: PactRevisionEntity;

  @Column('varchar', { length: 16 })
  partyCode!: string;

  @Column('varchar', { length: 32 })
  regionSlug!: string;

  @Column('char', { length: 64 })
  hash!: string;

  @Column('uuid')
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Column('timestamptz')
  approvedAt!: Date;
}
