import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { LocalPartyEntity } from '../local-parties/local-party.entity.js';
import { PartyEntity } from '../reference/party.entity.js';
import { RegionEntity } from '../reference/region.entity.js';
import { UserEntity } from './user.entity.js';

/**
 * One role a user holds, with its scope. The check constraint is the truth for which scope fields
 * each role needs: officer → local party (and its party), coordinator → party and region,
 * member → party, national → party (a region optional, never a local party), admin → nothing.
 */
@Entity('grants')
@Index(['userId'])
@Check(
  'ck_grants_scope',
  `("role" = 'admin' AND "party_code" IS NULL AND "region_slug" IS NULL AND "local_party_id" IS NULL)` +
    ` OR ("role" = 'coordinator' AND "party_code" IS NOT NULL AND "region_slug" IS NOT NULL AND "local_party_id" IS NULL)` +
    ` OR ("role" = 'officer' AND "party_code" IS NOT NULL AND "region_slug" IS NOT NULL AND "local_party_id" IS NOT NULL)` +
    ` OR ("role" = 'member' AND "party_code" IS NOT NULL)` +
    ` OR ("role" = 'national' AND "party_code" IS NOT NULL AND "local_party_id" IS NULL)`,
)
export class GrantEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Column('varchar', { length: 16 })
  role!: 'admin' | 'coordinator' | 'officer' | 'member' | 'national';

  @Column('varchar', { length: 16, nullable: true })
  partyCode!: string | null;

  @ManyToOne(() => PartyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'party_code' })
  party?: PartyEntity;

  @Column('varchar', { length: 32, nullable: true })
  regionSlug!: string | null;

  @ManyToOne(() => RegionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_slug' })
  region?: RegionEntity;

  @Column('uuid', { nullable: true })
  localPartyId!: string | null;

  @ManyToOne(() => LocalPartyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'local_party_id' })
  localParty?: LocalPartyEntity;
}
