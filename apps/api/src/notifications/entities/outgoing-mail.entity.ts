import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Every mail the app sent or, with no SMTP server configured, kept for the development mailbox
 * page (`transport = 'stored'`). Its `messageId` is stable across retries, so a receiver can
 * recognise a mail it already has.
 */
@Entity('outgoing_mail')
@Index('ix_outgoing_mail_created', ['createdAt'])
export class OutgoingMailEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('varchar', { length: 254 })
  toAddress!: string;

  @Column('varchar', { length: 300 })
  subject!: string;

  @Column('text')
  textBody!: string;

  @Column('text')
  htmlBody!: string;

  @Column('varchar', { length: 200 })
  messageId!: string;

  @Column('varchar', { length: 8 })
  transport!: 'smtp' | 'stored';

  @Column('timestamptz')
  createdAt!: Date;
}
