import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CandidateImportEntity } from './candidate-import.entity.js';

/** One nominated candidate, as an import listed them (append-only). */
@Entity('nominations')
@Index('ix_nominations_contest_seat', ['contestId', 'onsCode', 'importId'])
export class NominationEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column('bigint')
  importId!: string;

  @ManyToOne(() => CandidateImportEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'import_id' })
  candidateImport?: CandidateImportEntity;

  @Column('varchar', { length: 32 })
  contestId!: string;

  @Column('varchar', { length: 9 })
  onsCode!: string;

  /** Our party code (`lab`, `ld`, …; `other` for a party we do not name). */
  @Column('varchar', { length: 16 })
  partyCode!: string;

  @Column('varchar', { length: 200 })
  name!: string;

  @Column('varchar', { length: 100, nullable: true })
  ballotPaperId!: string | null;
}
