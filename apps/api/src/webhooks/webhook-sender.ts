import { Inject, Injectable, Logger } from '@nestjs/common';
import { signMessage, validSecrets, webhookPayload, type StoredSecret } from '@pactroom/webhooks';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type ResolvedConfig } from '../config/app-config.js';
import { JobQueue } from '../notifications/job-queue.js';
import { postOnce, type PostOutcome } from './webhook-http.js';
import { checkTarget } from './webhook-target.js';

interface DeliveryToSend {
  id: string;
  status: string;
  attempts: number;
  event_id: string;
  url: string;
  party_code: string;
  secrets: StoredSecret[];
  disabled_at: Date | null;
}

/** A failed attempt: thrown after its log row commits, so pg-boss retries with backoff. */
export class WebhookAttemptFailed extends Error {
  override name = 'WebhookAttemptFailed';
}

/**
 * Sends webhook deliveries — the worker of queue `notify.webhook`. One attempt per job: the
 * delivery row is locked (`FOR UPDATE`) for the whole attempt so two processes never send it at
 * once, a delivered one is never sent again, the target is re-resolved and re-checked (DNS may
 * have changed since registration) and the socket goes only to the checked address. Every
 * attempt is logged in `webhook_attempts`; a failure is thrown after that commits, to be retried.
 */
@Injectable()
export class WebhookSender {
  private readonly logger = new Logger(WebhookSender.name);

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
    jobs: JobQueue,
  ) {
    jobs.work('notify.webhook', (data) => this.deliver(String(data.deliveryId)));
    jobs.onDead('notify.webhook', (data) => this.markDead(String(data.deliveryId)));
  }

  async deliver(deliveryId: string): Promise<void> {
    const failure = await this.dataSource.transaction(async (manager) => {
      const rows: DeliveryToSend[] = await manager.query(
        `SELECT d.id, d.status, d.attempts, d.event_id, w.url, w.party_code, w.secrets, w.disabled_at
           FROM webhook_deliveries d JOIN webhook_endpoints w ON w.id = d.endpoint_id
          WHERE d.id = $1 FOR UPDATE OF d`,
        [deliveryId],
      );
      const delivery = rows[0];
      if (!delivery || delivery.status === 'delivered') {
        return null;
      }
      if (delivery.disabled_at) {
        await manager.query(
          `UPDATE webhook_deliveries SET status = 'failed', last_error = 'the webhook is disabled' WHERE id = $1`,
          [deliveryId],
        );
        return null;
      }
      const body = JSON.stringify(await this.payload(manager, delivery));
      const at = new Date();
      const outcome = await this.attempt(delivery, body, at);
      const attempt = delivery.attempts + 1;
      const delivered = outcome.error === null;
      await manager.query(
        `INSERT INTO webhook_attempts (delivery_id, attempt, at, status_code, error, duration_ms)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [deliveryId, attempt, at, outcome.statusCode, outcome.error, outcome.durationMs],
      );
      await manager.query(
        `UPDATE webhook_deliveries SET status = $2::varchar, attempts = $3, last_status_code = $4,
                last_error = $5, last_attempt_at = $6::timestamptz,
                delivered_at = CASE WHEN $2::varchar = 'delivered' THEN $6::timestamptz ELSE delivered_at END
          WHERE id = $1`,
        [
          deliveryId,
          delivered ? 'delivered' : 'failed',
          attempt,
          outcome.statusCode,
          outcome.error,
          at,
        ],
      );
      return delivered ? null : outcome.error;
    });
    if (failure !== null) {
      this.logger.warn({ deliveryId, error: failure }, 'webhook attempt failed');
      throw new WebhookAttemptFailed(failure);
    }
  }

  /** The job's last retry failed: the delivery is dead until someone resends (replays) it. */
  async markDead(deliveryId: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE webhook_deliveries SET status = 'dead' WHERE id = $1 AND status <> 'delivered'`,
      [deliveryId],
    );
    this.logger.warn({ deliveryId }, 'webhook delivery dead-lettered');
  }

  private async attempt(delivery: DeliveryToSend, body: string, at: Date): Promise<PostOutcome> {
    const { webhookAllowedHosts, webhookTimeoutMs } = this.config.notifications;
    const target = await checkTarget(delivery.url, webhookAllowedHosts);
    if (!target.ok) {
      const error =
        target.problem === 'forbidden'
          ? `refused: ${target.host} now resolves to the forbidden address ${target.address}`
          : target.problem === 'unresolvable'
            ? `the host ${target.host} does not resolve`
            : `the URL ${target.message}`;
      return { statusCode: null, error, durationMs: 0 };
    }
    const secrets = validSecrets(delivery.secrets, at);
    const signed = signMessage(secrets, delivery.event_id, Math.floor(at.getTime() / 1000), body);
    const [address] = target.addresses;
    if (!address) {
      return { statusCode: null, error: 'no address', durationMs: 0 };
    }
    return postOnce(
      new URL(delivery.url),
      address,
      {
        ...signed,
        'content-type': 'application/json',
        'user-agent': 'Pactroom-Webhooks/1',
      },
      body,
      webhookTimeoutMs,
    );
  }

  private async payload(manager: EntityManager, delivery: DeliveryToSend) {
    const events: {
      id: string;
      kind: string;
      occurred_at: Date;
      data: Record<string, unknown>;
      pact_id: string;
      title: string;
      status: string;
      election_code: string;
      current_revision: number;
      participants: { localPartyName: string; party: string }[];
      actor_name: string | null;
      actor_local_party: string | null;
    }[] = await manager.query(
      `SELECT e.id, e.kind, e.occurred_at, e.data, p.id AS pact_id, p.title, p.status, p.election_code,
              p.current_revision,
              (SELECT json_agg(json_build_object('localPartyName', lp.name, 'party', lp.party_code) ORDER BY lp.name)
                 FROM pact_participants pp JOIN local_parties lp ON lp.id = pp.local_party_id
                WHERE pp.pact_id = p.id) AS participants,
              u.name AS actor_name,
              alp.name AS actor_local_party
         FROM notification_events e
         JOIN pacts p ON p.id = e.pact_id
         LEFT JOIN users u ON u.id = e.actor_user_id
         LEFT JOIN local_parties alp ON alp.id::text = e.data->>'actorLocalPartyId'
        WHERE e.id = $1`,
      [delivery.event_id],
    );
    const event = events[0];
    if (!event) {
      throw new Error(`event ${delivery.event_id} of delivery ${delivery.id} has no pact`);
    }
    const actorParty = event.data.actorParty;
    return webhookPayload({
      event: { id: event.id, kind: event.kind, occurredAt: event.occurred_at, data: event.data },
      pact: {
        id: event.pact_id,
        title: event.title,
        status: event.status,
        electionCode: event.election_code,
        currentRevision: event.current_revision,
        participants: event.participants ?? [],
      },
      actor: {
        name: event.actor_name,
        localPartyName: event.actor_local_party,
        party: typeof actorParty === 'string' ? actorParty : null,
      },
      audienceParty: delivery.party_code,
      publicUrl: this.config.notifications.publicUrl,
    });
  }
}
