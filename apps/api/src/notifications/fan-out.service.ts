import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  isPactKind,
  isSecurityKind,
  recipientsOf,
  type DeliveryMode,
  type EventFacts,
} from '@pactroom/notifications';
import { DataSource, type EntityManager } from 'typeorm';
import { loadPact } from '../pacts/store/index.js';
import { JobQueue } from './job-queue.js';
import type { NotificationEventEntity } from './entities/notification-event.entity.js';

interface PersonGrant {
  readonly userId: string;
  readonly role: string;
  readonly localPartyId: string | null;
  readonly party: string | null;
  readonly region: string | null;
}

/** One person to tell, as what, and whether to put it in their browser inbox. */
interface Told {
  readonly userId: string;
  readonly kind: string;
  readonly inbox: boolean;
}

/** Another channel that wants to hear of every event (webhooks), inside the fan-out transaction. */
export type FanOutChannel = (
  manager: EntityManager,
  event: NotificationEventEntity,
) => Promise<void>;

/**
 * The `notify.fanout` worker: decides who hears of an outbox event, as what, and how — browser
 * inbox items and owed emails (each person's preference decides: now, in the daily digest, or not
 * by mail) — and queues the email jobs, all in one transaction. The event row is locked and marked
 * `fanned_out_at`, and every row is unique per (event, person), so a retried or duplicated job
 * changes nothing the second time.
 */
@Injectable()
export class FanOutService {
  private readonly channels: FanOutChannel[] = [];

  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
  ) {
    jobs.work('notify.fanout', async (data) => {
      await this.fanOut(String(data.eventId));
    });
  }

  /** Adds a channel (e.g. webhooks) that is told of every event in the fan-out's transaction. */
  addChannel(channel: FanOutChannel): void {
    this.channels.push(channel);
  }

  async fanOut(eventId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const [event] = await manager.query<NotificationEventEntity[]>(
        `SELECT id, kind, pact_id AS "pactId", actor_user_id AS "actorUserId",
                subject_user_id AS "subjectUserId", data, occurred_at AS "occurredAt",
                fanned_out_at AS "fannedOutAt", dedupe_key AS "dedupeKey"
           FROM notification_events WHERE id = $1 FOR UPDATE`,
        [eventId],
      );
      if (!event || event.fannedOutAt) {
        return;
      }
      const told = await this.whoIsTold(manager, event);

      const now = new Date();
      for (const person of told) {
        if (person.inbox) {
          await manager.query(
            `INSERT INTO inbox_items (id, user_id, event_id, kind, created_at)
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (user_id, event_id) DO NOTHING`,
            [randomUUID(), person.userId, event.id, person.kind, now],
          );
        }
        await this.oweEmail(manager, event.id, person, now);
      }
      for (const channel of this.channels) {
        await channel(manager, event);
      }
      await manager.query(`UPDATE notification_events SET fanned_out_at = $2 WHERE id = $1`, [
        event.id,
        now,
      ]);
    });
  }

  private async whoIsTold(manager: EntityManager, event: NotificationEventEntity): Promise<Told[]> {
    if (isSecurityKind(event.kind)) {
      // Account mail goes to the account's own address only; it is never an inbox item (the
      // invited person cannot sign in yet, and a reset is not news to show on a shared screen).
      return event.subjectUserId
        ? [{ userId: event.subjectUserId, kind: event.kind, inbox: false }]
        : [];
    }
    if (!event.pactId) {
      return [];
    }
    if (event.kind.startsWith('consultation.')) {
      return this.consulted(manager, event);
    }
    const pact = await loadPact(manager, event.pactId, false);
    if (!pact) {
      return [];
    }
    const data = event.data;
    const facts: EventFacts = {
      action: event.kind,
      to: typeof data.to === 'string' ? data.to : null,
      actorUserId: event.actorUserId,
      actorRole: typeof data.actorRole === 'string' ? data.actorRole : null,
      actorLocalPartyId: typeof data.actorLocalPartyId === 'string' ? data.actorLocalPartyId : null,
      actorParty: typeof data.actorParty === 'string' ? data.actorParty : null,
      actorRegion: typeof data.actorRegion === 'string' ? data.actorRegion : null,
    };
    const signedBy = new Set(
      pact.signatures.filter((s) => s.revision === pact.revision.number).map((s) => s.localPartyId),
    );
    const approvedSlots = new Set(
      pact.approvals
        .filter((a) => a.revision === pact.revision.number)
        .map((a) => `${a.party}|${a.region}`),
    );
    const people = await this.peopleOf(manager, pact.participants);
    const recipients = recipientsOf(
      facts,
      pact.participants.map((p) => ({ ...p, signed: signedBy.has(p.localPartyId) })),
      pact.requiredApprovals.map((s) => ({
        ...s,
        approved: approvedSlots.has(`${s.party}|${s.region}`),
      })),
      people,
    );
    return recipients
      .filter((r) => isPactKind(r.kind))
      .map((r) => ({ userId: r.userId, kind: r.kind, inbox: true }));
  }

  /**
   * Who hears of a consultation: the members it asks (opened; closing — those who have not yet
   * answered; closed — all of them), and at close the coordinator who opened it. Never the person
   * who acted.
   */
  private async consulted(manager: EntityManager, event: NotificationEventEntity): Promise<Told[]> {
    const id = event.data.consultationId;
    if (typeof id !== 'string') {
      return [];
    }
    const rows = await manager.query<{ userId: string }[]>(
      `SELECT ce.user_id AS "userId" FROM consultation_electors ce
        WHERE ce.consultation_id = $1
          AND ($2 <> 'consultation.closing' OR NOT EXISTS (
            SELECT 1 FROM consultation_stances s
             WHERE s.consultation_id = ce.consultation_id AND s.user_id = ce.user_id))
       UNION
       SELECT c.opened_by FROM consultations c WHERE c.id = $1 AND $2 = 'consultation.closed'`,
      [id, event.kind],
    );
    return rows
      .filter((r) => r.userId !== event.actorUserId)
      .map((r) => ({ userId: r.userId, kind: event.kind, inbox: true }));
  }

  /**
   * Enabled officers of the participants (their officer grants, and the national grants of their
   * party covering them) and every enabled coordinator, by scope.
   */
  private async peopleOf(
    manager: EntityManager,
    participants: readonly { localPartyId: string; party: string; region: string }[],
  ) {
    const rows = await manager.query<PersonGrant[]>(
      `SELECT g.user_id AS "userId", g.role, g.local_party_id AS "localPartyId",
              g.party_code AS "party", g.region_slug AS "region"
         FROM grants g JOIN users u ON u.id = g.user_id
        WHERE u.disabled_at IS NULL
          AND ((g.role = 'officer' AND g.local_party_id = ANY($1))
               OR (g.role = 'national' AND g.party_code = ANY($2)) OR g.role = 'coordinator')`,
      [participants.map((p) => p.localPartyId), [...new Set(participants.map((p) => p.party))]],
    );
    const officers = new Map<string, string[]>();
    const coordinators = new Map<string, string[]>();
    const add = (map: Map<string, string[]>, key: string, userId: string) =>
      map.set(key, [...(map.get(key) ?? []), userId]);
    for (const row of rows) {
      if (row.role === 'officer') {
        add(officers, String(row.localPartyId), row.userId);
      } else if (row.role === 'coordinator') {
        add(coordinators, `${row.party}|${row.region}`, row.userId);
      } else {
        for (const p of participants) {
          if (p.party === row.party && (row.region === null || row.region === p.region)) {
            add(officers, p.localPartyId, row.userId);
          }
        }
      }
    }
    return {
      officers: (id: string) => officers.get(id) ?? [],
      coordinators: (party: string, region: string) => coordinators.get(`${party}|${region}`) ?? [],
    };
  }

  /** Owes the person an email per their preference; a mail to send now gets a job. */
  private async oweEmail(manager: EntityManager, eventId: string, person: Told, now: Date) {
    const [user] = await manager.query<
      { email: string; disabledAt: Date | null; mode: DeliveryMode | null }[]
    >(
      `SELECT u.email, u.disabled_at AS "disabledAt", p.mode
         FROM users u LEFT JOIN notification_preferences p ON p.user_id = u.id AND p.kind = $2
        WHERE u.id = $1`,
      [person.userId, person.kind],
    );
    if (!user || user.disabledAt) {
      return;
    }
    const mode: DeliveryMode = isSecurityKind(person.kind)
      ? 'immediately'
      : (user.mode ?? 'immediately');
    const status = mode === 'immediately' ? 'pending' : mode === 'digest' ? 'digest' : 'skipped';
    const inserted = await manager.query<{ id: string }[]>(
      `INSERT INTO email_deliveries (id, event_id, user_id, to_address, kind, status, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (event_id, to_address) DO NOTHING RETURNING id`,
      [randomUUID(), eventId, person.userId, user.email, person.kind, status, now],
    );
    const delivery = inserted[0];
    if (delivery && status === 'pending') {
      await this.jobs.send(manager, 'notify.email', { deliveryId: delivery.id });
    }
  }
}
