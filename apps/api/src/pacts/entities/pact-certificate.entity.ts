import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { PactEntity } from './pact.entity.js';

/**
 * An agreement certificate as issued — once at ratification, once more at termination — and
 * served byte for byte afterwards: renaming a signer or a local party later changes nothing a
 * member already holds. Append-only.
 */
@Entity('pact_certificates')
export class PactCertificateEntity {
  @PrimaryColumn('uuid')
  pactId!: string;

  /** `ratified` or `terminated`: the event the certificate attests. */
  @PrimaryColumn('varchar', { length: 16 })
  event!: string;

  /** The exact JSON served. */
  @Column('text')
  body!: string;

  @Column('timestamptz')
  issuedAt!: Date;

  @ManyToOne(() => PactEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'pact_id' })
  pact?: PactEntity;
}
