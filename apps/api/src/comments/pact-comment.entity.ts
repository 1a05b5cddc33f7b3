import { Column, Entity, Generated, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { LocalPartyEntity } from '../local-parties/local-party.entity.js';
import { PactEntity } from '../pacts/entities/pact.entity.js';
import { UserEntity } from '../users/user.entity.js';

/**
 * A comment on one revision of a pact (issue 15), anchored to one of its stand-asides or
 * commitments, or to the terms as a whole. It stays with the revision it was written on (a counter
 * makes it "on an earlier revision", never moves it). Append-only: never changed, never deleted.
 * The capacity its author wrote in is recorded with it, as of then.
 */
@Entity('pact_comments')
@Index('ix_pact_comments_revision', ['pactId', 'revision', 'seq'])
export class PactCommentEntity {
  @PrimaryColumn('uuid')
  id!: string;

  /** Order of writing: lists run by it (two comments in one millisecond still have an order). */
  @Column('bigint')
  @Generated('increment')
  seq!: string;

  @Column('uuid')
  pactId!: string;

  @ManyToOne(() => PactEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'pact_id' })
  pact?: PactEntity;

  @Column('int')
  revision!: number;

  /** `{kind: 'stand-aside', constituency, party}`, `{kind: 'commitment', index}` or `{kind: 'general'}`. */
  @Column('jsonb')
  anchor!: unknown;

  /** Trimmed, 1–2,000 characters, stored as written (escaped when shown). */
  @Column('text')
  text!: string;

  @Column('uuid')
  authorId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'author_id' })
  author?: UserEntity;

  /** officer, national, coordinator or member. */
  @Column('varchar', { length: 16 })
  authorRole!: string;

  /** For an officer: the participant local party they wrote for. */
  @Column('uuid', { nullable: true })
  localPartyId!: string | null;

  @ManyToOne(() => LocalPartyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'local_party_id' })
  localParty?: LocalPartyEntity;

  /** The author's party in that capacity. */
  @Column('varchar', { length: 16 })
  partyCode!: string;

  /** A coordinator's or consulted member's region, a national grant's nation (null: party-wide). */
  @Column('varchar', { length: 32, nullable: true })
  regionSlug!: string | null;

  @Column('timestamptz')
  createdAt!: Date;
}
