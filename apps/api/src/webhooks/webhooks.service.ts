import { randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { generateSecret, rotateSecrets, validSecrets, type StoredSecret } from '@pactroom/webhooks';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal.js';
import { APP_CONFIG, type ResolvedConfig } from '../config/app-config.js';
import { FanOutService } from '../notifications/fan-out.service.js';
import { JobQueue } from '../notifications/job-queue.js';
import { pactIsVisible } from '../pacts/store/visibility.js';
import type {
  RegisterWebhookDto,
  WebhookDeliveryDto,
  WebhookDto,
  WebhookWithSecretDto,
} from './dto/webhook.dto.js';
import { checkTarget } from './webhook-target.js';
import { inScope, scopeParams, scopeSql, webhookScope } from './webhook-scope.js';
import { WebhookErrors } from './webhooks.errors.js';

interface EndpointRow {
  id: string;
  party_code: string;
  region_slug: string;
  url: string;
  description: string;
  secrets: StoredSecret[];
  created_by_name: string;
  created_at: Date;
  disabled_at: Date | null;
}

interface DeliveryRow {
  id: string;
  endpoint_id: string;
  event_id: string;
  kind: string;
  pact_title: string | null;
  status: string;
  attempts: number;
  last_status_code: number | null;
  last_error: string | null;
  last_attempt_at: Date | null;
  delivered_at: Date | null;
  created_at: Date;
  log: {
    attempt: number;
    at: string;
    statusCode: number | null;
    error: string | null;
    durationMs: number;
  }[];
}

const ENDPOINT_SELECT = `SELECT w.id, w.party_code, w.region_slug, w.url, w.description, w.secrets,
  u.name AS created_by_name, w.created_at, w.disabled_at
  FROM webhook_endpoints w JOIN users u ON u.id = w.created_by`;

const DELIVERY_SELECT = `SELECT d.id, d.endpoint_id, d.event_id, e.kind, p.title AS pact_title, d.status,
  d.attempts, d.last_status_code, d.last_error, d.last_attempt_at, d.delivered_at, d.created_at,
  COALESCE((SELECT json_agg(json_build_object('attempt', a.attempt, 'at', a.at, 'statusCode', a.status_code,
      'error', a.error, 'durationMs', a.duration_ms) ORDER BY a.attempt)
    FROM webhook_attempts a WHERE a.delivery_id = d.id), '[]'::json) AS log
  FROM webhook_deliveries d
  JOIN webhook_endpoints w ON w.id = d.endpoint_id
  JOIN notification_events e ON e.id = d.event_id
  LEFT JOIN pacts p ON p.id = e.pact_id`;

/**
 * Webhooks of a party's own systems: registering (with the SSRF check), listing, rotating the
 * signing secret, disabling, the delivery log and resending; and `deliveriesFor`, which the
 * notification fan-out calls to owe an event to every endpoint whose party may see its pact.
 * Coordinators manage their own (party, region); admins every one; others are refused by role.
 */
@Injectable()
export class WebhooksService {
  private readonly logger = new Logger(WebhooksService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
    fanOut: FanOutService,
  ) {
    // Every outbox event owes a delivery to each endpoint that may see it, in the fan-out's
    // transaction: the delivery rows and their jobs exist exactly when the fan-out commits.
    fanOut.addChannel(async (manager, event) => {
      for (const deliveryId of await this.deliveriesFor(manager, event.id)) {
        await this.jobs.send(manager, 'notify.webhook', { deliveryId });
      }
    });
  }

  async register(principal: Principal, dto: RegisterWebhookDto): Promise<WebhookWithSecretDto> {
    const { party, region } = this.scopeFor(principal, dto);
    await this.checkScopeExists(party, region);
    const target = await checkTarget(dto.url, this.config.notifications.webhookAllowedHosts);
    if (!target.ok) {
      throw target.problem === 'url'
        ? WebhookErrors.badUrl(target.message)
        : target.problem === 'unresolvable'
          ? WebhookErrors.unresolvable(target.host)
          : WebhookErrors.addressForbidden(target.host, target.address);
    }
    const id = randomUUID();
    const now = new Date();
    const secret = generateSecret(randomBytes(32));
    const secrets: StoredSecret[] = [{ secret, createdAt: now.toISOString(), expiresAt: null }];
    await this.dataSource.query(
      `INSERT INTO webhook_endpoints (id, party_code, region_slug, url, description, secrets, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        id,
        party,
        region,
        dto.url,
        dto.description ?? '',
        JSON.stringify(secrets),
        principal.userId,
        now,
      ],
    );
    this.logger.log({ webhookId: id, party, region, by: principal.userId }, 'webhook registered');
    return { ...(await this.get(principal, id)), secret };
  }

  async list(principal: Principal): Promise<WebhookDto[]> {
    const rows: EndpointRow[] = await this.dataSource.query(
      `${ENDPOINT_SELECT} WHERE ${scopeSql(1)} ORDER BY w.disabled_at NULLS FIRST, w.created_at DESC`,
      scopeParams(webhookScope(principal)),
    );
    return rows.map(toDto);
  }

  /** One endpoint in the person's scope; 404 for any other (its existence does not leak). */
  async get(principal: Principal, id: string): Promise<WebhookDto> {
    return toDto(await this.endpointRow(this.dataSource.manager, principal, id));
  }

  /** A new secret (returned once); the previous ones keep signing for 24 hours. */
  async rotateSecret(principal: Principal, id: string): Promise<WebhookWithSecretDto> {
    const secret = generateSecret(randomBytes(32));
    await this.dataSource.transaction(async (manager) => {
      const row = await this.endpointRow(manager, principal, id, true);
      if (row.disabled_at) {
        throw WebhookErrors.disabled();
      }
      const now = new Date();
      await manager.query(
        `UPDATE webhook_endpoints SET secrets = $2, secret_rotated_at = $3, secret_rotated_by = $4 WHERE id = $1`,
        [id, JSON.stringify(rotateSecrets(row.secrets, secret, now)), now, principal.userId],
      );
    });
    this.logger.log({ webhookId: id, by: principal.userId }, 'webhook secret rotated');
    return { ...(await this.get(principal, id)), secret };
  }

  /** Stops deliveries to the endpoint (kept, with its log). Disabling twice changes nothing. */
  async disable(principal: Principal, id: string): Promise<WebhookDto> {
    await this.dataSource.transaction(async (manager) => {
      await this.endpointRow(manager, principal, id, true);
      await manager.query(
        `UPDATE webhook_endpoints SET disabled_at = now(), disabled_by = $2 WHERE id = $1 AND disabled_at IS NULL`,
        [id, principal.userId],
      );
    });
    this.logger.log({ webhookId: id, by: principal.userId }, 'webhook disabled');
    return this.get(principal, id);
  }

  /** The endpoint's latest 100 deliveries, each with its attempts. */
  async deliveries(principal: Principal, id: string): Promise<WebhookDeliveryDto[]> {
    await this.endpointRow(this.dataSource.manager, principal, id);
    const rows: DeliveryRow[] = await this.dataSource.query(
      `${DELIVERY_SELECT} WHERE d.endpoint_id = $1 ORDER BY d.created_at DESC, d.id LIMIT 100`,
      [id],
    );
    return rows.map(toDeliveryDto);
  }

  /** Dead-lettered deliveries in the person's scope (admins: all), newest first. */
  async deadDeliveries(principal: Principal): Promise<WebhookDeliveryDto[]> {
    const rows: DeliveryRow[] = await this.dataSource.query(
      `${DELIVERY_SELECT} WHERE d.status = 'dead' AND ${scopeSql(1)} ORDER BY d.created_at DESC LIMIT 100`,
      scopeParams(webhookScope(principal)),
    );
    return rows.map(toDeliveryDto);
  }

  /**
   * Sends a delivery again (also how a dead one is replayed): it becomes pending and a job is
   * queued in the same transaction; the new attempt carries the same `webhook-id` (the event id).
   */
  async resend(principal: Principal, deliveryId: string): Promise<WebhookDeliveryDto> {
    await this.dataSource.transaction(async (manager) => {
      const rows: { endpoint_id: string; disabled_at: Date | null }[] = await manager.query(
        `SELECT d.endpoint_id, w.disabled_at FROM webhook_deliveries d
           JOIN webhook_endpoints w ON w.id = d.endpoint_id
          WHERE d.id = $1 AND ${scopeSql(2)} FOR UPDATE OF d`,
        [deliveryId, ...scopeParams(webhookScope(principal))],
      );
      const row = rows[0];
      if (!row) {
        throw WebhookErrors.deliveryNotFound();
      }
      if (row.disabled_at) {
        throw WebhookErrors.disabled();
      }
      await manager.query(
        `UPDATE webhook_deliveries SET status = 'pending', resent_by = $2, resent_at = now() WHERE id = $1`,
        [deliveryId, principal.userId],
      );
      await this.jobs.send(manager, 'notify.webhook', { deliveryId });
    });
    this.logger.log({ deliveryId, by: principal.userId }, 'webhook delivery resent');
    const rows: DeliveryRow[] = await this.dataSource.query(`${DELIVERY_SELECT} WHERE d.id = $1`, [
      deliveryId,
    ]);
    const [row] = rows;
    if (!row) {
      throw WebhookErrors.deliveryNotFound();
    }
    return toDeliveryDto(row);
  }

  /**
   * For the notification fan-out, inside its transaction: owes event `eventId` to every enabled
   * endpoint whose (party, region) may see its pact — the app's own rule, `canView` for a
   * coordinator of that party and region — and returns the ids of the deliveries created now
   * (none twice: the (endpoint, event) pair is unique). The caller queues `notify.webhook
   * {deliveryId}` for each. Events without a pact (account mail) go to no webhook.
   */
  async deliveriesFor(manager: EntityManager, eventId: string): Promise<string[]> {
    const events: { pact_id: string | null }[] = await manager.query(
      'SELECT pact_id FROM notification_events WHERE id = $1',
      [eventId],
    );
    const pactId = events[0]?.pact_id;
    if (!pactId) {
      return [];
    }
    const endpoints: { id: string; party_code: string; region_slug: string }[] =
      await manager.query(
        'SELECT id, party_code, region_slug FROM webhook_endpoints WHERE disabled_at IS NULL',
      );
    const visible = new Map<string, boolean>();
    const owed: string[] = [];
    for (const endpoint of endpoints) {
      const key = `${endpoint.party_code}/${endpoint.region_slug}`;
      let sees = visible.get(key);
      if (sees === undefined) {
        const grant = {
          role: 'coordinator' as const,
          party: endpoint.party_code,
          region: endpoint.region_slug,
          localPartyId: null,
        };
        sees = await pactIsVisible(manager, [grant], pactId);
        visible.set(key, sees);
      }
      if (sees) {
        owed.push(endpoint.id);
      }
    }
    if (owed.length === 0) {
      return [];
    }
    const created: { id: string }[] = await manager.query(
      `INSERT INTO webhook_deliveries (id, endpoint_id, event_id, status, created_at)
       SELECT gen_random_uuid(), endpoint_id, $2, 'pending', now() FROM unnest($1::uuid[]) AS endpoint_id
       ON CONFLICT (endpoint_id, event_id) DO NOTHING RETURNING id`,
      [owed, eventId],
    );
    return created.map((r) => r.id);
  }

  private scopeFor(
    principal: Principal,
    dto: RegisterWebhookDto,
  ): { party: string; region: string } {
    const scope = webhookScope(principal);
    const only = scope !== 'all' && scope.length === 1 ? scope[0] : undefined;
    const party = dto.party ?? only?.party;
    const region = dto.region ?? only?.region;
    if (!party) {
      throw WebhookErrors.scopeNeeded('party');
    }
    if (!region) {
      throw WebhookErrors.scopeNeeded('region');
    }
    if (!inScope(scope, party, region)) {
      throw WebhookErrors.outOfScope();
    }
    return { party, region };
  }

  private async checkScopeExists(party: string, region: string): Promise<void> {
    const rows: { party: boolean; region: boolean }[] = await this.dataSource.query(
      `SELECT EXISTS (SELECT 1 FROM parties WHERE code = $1) AS party,
              EXISTS (SELECT 1 FROM regions WHERE slug = $2) AS region`,
      [party, region],
    );
    if (rows[0]?.party !== true) {
      throw WebhookErrors.unknownScope('party', party);
    }
    if (rows[0].region !== true) {
      throw WebhookErrors.unknownScope('region', region);
    }
  }

  private async endpointRow(
    manager: EntityManager,
    principal: Principal,
    id: string,
    lock = false,
  ): Promise<EndpointRow> {
    const rows: EndpointRow[] = await manager.query(
      `${ENDPOINT_SELECT} WHERE w.id = $1 AND ${scopeSql(2)}${lock ? ' FOR UPDATE OF w' : ''}`,
      [id, ...scopeParams(webhookScope(principal))],
    );
    const row = rows[0];
    if (!row) {
      throw WebhookErrors.notFound();
    }
    return row;
  }
}

function toDto(row: EndpointRow): WebhookDto {
  const now = new Date();
  const previous = row.secrets
    .slice(1)
    .map((s) => s.expiresAt)
    .filter((e): e is string => e !== null && Date.parse(e) > now.getTime())
    .sort()
    .at(-1);
  return {
    id: row.id,
    party: row.party_code,
    region: row.region_slug,
    url: row.url,
    description: row.description,
    createdBy: row.created_by_name,
    createdAt: row.created_at.toISOString(),
    disabledAt: row.disabled_at?.toISOString() ?? null,
    activeSecrets: validSecrets(row.secrets, now).length,
    previousSecretExpiresAt: previous ?? null,
  };
}

function toDeliveryDto(row: DeliveryRow): WebhookDeliveryDto {
  return {
    id: row.id,
    endpointId: row.endpoint_id,
    eventId: row.event_id,
    event: row.kind,
    pactTitle: row.pact_title,
    status: row.status,
    attempts: row.attempts,
    lastStatusCode: row.last_status_code,
    lastError: row.last_error,
    lastAttemptAt: row.last_attempt_at?.toISOString() ?? null,
    deliveredAt: row.delivered_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    log: row.log.map((a) => ({ ...a, at: new Date(a.at).toISOString() })),
  };
}
