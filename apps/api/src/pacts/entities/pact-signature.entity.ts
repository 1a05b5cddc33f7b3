import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { LocalPartyEntity } from '../../local-parties/local-party.entity.js';
import { UserEntity } from '../../users/user.entity.js';
import { PactRevisionEntity } from './pact-revision.entity.js';

/** A local party's acceptance of one exact revision; at most one per participant and revision. */
@Entity('pact_signatures')
@Unique('uq_pact_signatures_participant_revision', ['pactId', 'revisionNumber', 'localPartyId'])
export class PactSignatureEntity {
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

  @Column('uuid')
  localPartyId!: string;

  @ManyToOne(() => LocalPartyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'local_party_id' })
  localParty?: LocalPartyEntity;

  @Column('char', { length: 64 })
  hash!: string;

  @Column('uuid')
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Column('timestamptz')
  signedAt!: Date;
}
