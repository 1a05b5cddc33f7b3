import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';

@Entity('users')
@Unique(['email'])
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Stored lower-cased; the unique constraint is the truth for duplicates. */
  @Column('varchar', { length: 254 })
  email!: string;

  @Column('varchar', { length: 200 })
  name!: string;

  /** argon2id; null for an invited account that has not chosen a password yet (no sign-in). */
  @Column('varchar', { length: 200, nullable: true })
  passwordHash!: string | null;

  @Column('timestamptz', { nullable: true })
  disabledAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
