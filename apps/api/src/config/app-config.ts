import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { availableParallelism } from 'node:os';
import { HASH_PRIORITIES, type HashPriority } from '../auth/hash-protocol.js';
import { resolve } from 'node:path';
import { parseNotificationConfig, type NotificationConfig } from './notification-config.js';

/** The typed configuration the app runs with; built once from the environment by `parseConfig`. */
export interface AppConfig {
  readonly env: 'development' | 'production' | 'test';
  readonly http: {
    readonly host: string;
    readonly port: number;
    readonly bodyLimitBytes: number;
    /**
     * Which proxies' `X-Forwarded-For` to believe for the client address (throttling, logs): none
     * (false), the nearest N hops, or these addresses / CIDR ranges.
     */
    readonly trustProxy: false | number | string;
    /** A request (headers and body) must arrive within this; else 408 and the connection closes. */
    readonly requestTimeoutMs: number;
    /** The headers alone must arrive within this. */
    readonly headersTimeoutMs: number;
    /** Open connections at most; more are dropped before any work. */
    readonly maxConnections: number;
    /** `Strict-Transport-Security` max-age when served over TLS (0: no header). */
    readonly hstsMaxAgeSeconds: number;
    /** Live-update streams (`GET /live`) open at once in this process; more are answered 503. */
    readonly liveStreamsMax: number;
    /** Live-update streams one person may hold open (tabs); more are answered 429. */
    readonly liveStreamsPerUser: number;
    /** How often an idle stream gets a comment, so proxies and browsers keep it open. */
    readonly liveHeartbeatMs: number;
  };
  readonly log: { readonly level: string; readonly pretty: boolean };
  readonly database: {
    /** Absent: the start script runs an embedded PostgreSQL in `dataDir`. */
    readonly url: string | undefined;
    readonly embeddedPort: number;
    readonly poolSize: number;
    readonly statementTimeoutMs: number;
    readonly lockTimeoutMs: number;
    readonly idleInTransactionTimeoutMs: number;
  };
  readonly dataDir: string;
  readonly retention: {
    /** Seconds between purges of expired operational rows; 0 turns them off. */
    readonly sweepSeconds: number;
    readonly idempotencyKeyTtlHours: number;
  };
  readonly auth: {
    /** Undefined only outside production: the start script then generates one into the data folder. */
    readonly jwtSecret: string | undefined;
    readonly accessTokenTtlSeconds: number;
    readonly refreshTokenTtlSeconds: number;
    /** A browser session (the pages' cookie) ends this long after sign-in. */
    readonly webSessionTtlSeconds: number;
    /** Failed sign-ins per account from one client address per window (the attacker's). */
    readonly loginFailuresPerAccount: number;
    /** Failed sign-ins per account from all addresses together per window (NIST: ≤ 100). */
    readonly loginFailuresPerAccountTotal: number;
    readonly loginAttemptsPerIp: number;
    readonly loginWindowSeconds: number;
    /** Threads that hash passwords, and how they yield the CPU (hash-protocol.ts). */
    readonly hashThreads: number;
    readonly hashPriority: HashPriority;
    /** Sign-ins this process works on at once; beyond it a login is refused with 429 LOGIN_BUSY. */
    readonly loginsInFlight: number;
    /** …of which one account, and one client address, may hold at most these. */
    readonly loginsInFlightPerAccount: number;
    readonly loginsInFlightPerIp: number;
  };
  /** Seed the demo accounts; never true in production. Undefined: seed on the embedded database only. */
  readonly demo: boolean | undefined;
  readonly audit: {
    /** Ed25519 private key (PKCS#8 PEM, or its base64); undefined: generated into the data folder. */
    readonly signingKey: string | undefined;
    /** Seconds between periodic checkpoints of all chains; 0 turns them off. */
    readonly checkpointIntervalSeconds: number;
  };
  readonly projections: {
    /** Worker threads for projections that do not run inline. */
    readonly workers: number;
    /** Projections waiting at most (503 PROJECTIONS_BUSY past it). */
    readonly queue: number;
    /** Projections one account may have queued or running (429 TOO_MANY_PROJECTIONS past it). */
    readonly perUser: number;
  };
  readonly pacts: {
    /** Seconds between sweeps that expire pacts past their respond-by; 0 turns the sweep off. */
    readonly expirySweepSeconds: number;
    /** Pact commands one account may issue per minute (command-throttle.ts). */
    readonly commandsPerMinute: number;
    /**
     * Hours before a contest's withdrawal deadline by which a pact must be answered (respond-by):
     * time for coordinators to ratify and candidates to withdraw.
     */
    readonly withdrawalMarginHours: number;
  };
  readonly notifications: NotificationConfig;
}

/** Thrown at boot when the environment is unusable; the message lists every problem. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const MIN_SECRET_LENGTH = 32;

/**
 * Validates `process.env` (or a test's copy) and returns the typed config. Every problem is
 * collected so one boot reports them all.
 */
export function parseConfig(env: Record<string, string | undefined>): AppConfig {
  const problems: string[] = [];
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') {
      return fallback;
    }
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be an integer in [${min}, ${max}], got "${raw}"`);
      return fallback;
    }
    return value;
  };
  const bool = (name: string): boolean | undefined => {
    const raw = env[name];
    if (raw === undefined || raw === '') {
      return undefined;
    }
    if (raw !== 'true' && raw !== 'false') {
      problems.push(`${name} must be true or false, got "${raw}"`);
      return undefined;
    }
    return raw === 'true';
  };

  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const raw = env[name];
    if (raw === undefined || raw === '') {
      return fallback;
    }
    if (!(allowed as readonly string[]).includes(raw)) {
      problems.push(`${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
      return fallback;
    }
    return raw as T;
  };

  const nodeEnv = env.NODE_ENV ?? 'development';
  if (nodeEnv !== 'development' && nodeEnv !== 'production' && nodeEnv !== 'test') {
    problems.push(`NODE_ENV must be development, production or test, got "${nodeEnv}"`);
  }
  const mode = nodeEnv === 'production' || nodeEnv === 'test' ? nodeEnv : 'development';

  const url = env.DATABASE_URL || undefined;
  if (url !== undefined && !/^postgres(ql)?:\/\//.test(url)) {
    problems.push('DATABASE_URL must be a postgres:// URL');
  }

  const jwtSecret = env.PACTROOM_JWT_SECRET || undefined;
  if (jwtSecret !== undefined && jwtSecret.length < MIN_SECRET_LENGTH) {
    problems.push(`PACTROOM_JWT_SECRET must be at least ${MIN_SECRET_LENGTH} characters`);
  }
  if (mode === 'production' && jwtSecret === undefined) {
    problems.push('PACTROOM_JWT_SECRET is required in production');
  }

  let demo = bool('PACTROOM_DEMO');
  if (mode === 'production') {
    if (demo === true) {
      problems.push('PACTROOM_DEMO=true is refused in production');
    }
    demo = false;
  }

  // One core is left to the event loop and PostgreSQL; sign-ins queue behind the hashing threads.
  const hashThreads = int('PACTROOM_HASH_THREADS', Math.max(1, availableParallelism() - 1), 1, 64);
  const loginsInFlight = int('PACTROOM_LOGINS_IN_FLIGHT', 4 * hashThreads, 1, 10_000);

  const maxConnections = int('PACTROOM_MAX_CONNECTIONS', 1_000, 1, 1_000_000);

  const config: AppConfig = {
    env: mode,
    http: {
      host: env.HOST || '127.0.0.1',
      port: int('PORT', 3000, 0, 65535),
      bodyLimitBytes: int('PACTROOM_BODY_LIMIT_BYTES', 1_048_576, 1024, 104_857_600),
      trustProxy: trustProxy(env.PACTROOM_TRUST_PROXY, problems),
      requestTimeoutMs: int('PACTROOM_REQUEST_TIMEOUT_MS', 30_000, 500, 600_000),
      headersTimeoutMs: int('PACTROOM_HEADERS_TIMEOUT_MS', 10_000, 500, 600_000),
      maxConnections,
      hstsMaxAgeSeconds: int('PACTROOM_HSTS_MAX_AGE_SECONDS', 0, 0, 63_072_000),
      // Each stream holds a connection: by default at most half of them, so pages and the API
      // always have room.
      liveStreamsMax: int(
        'PACTROOM_LIVE_STREAMS_MAX',
        Math.min(1_000, Math.max(1, Math.floor(maxConnections / 2))),
        1,
        1_000_000,
      ),
      liveStreamsPerUser: int('PACTROOM_LIVE_STREAMS_PER_USER', 5, 1, 100),
      liveHeartbeatMs: int('PACTROOM_LIVE_HEARTBEAT_MS', 25_000, 100, 300_000),
    },
    log: {
      level: env.LOG_LEVEL || (mode === 'test' ? 'silent' : 'info'),
      pretty: bool('LOG_PRETTY') ?? mode === 'development',
    },
    database: {
      url,
      embeddedPort: int('PACTROOM_EMBEDDED_PG_PORT', 54329, 1024, 65535),
      poolSize: int('PACTROOM_DB_POOL_SIZE', 10, 1, 200),
      statementTimeoutMs: int('PACTROOM_DB_STATEMENT_TIMEOUT_MS', 10_000, 100, 600_000),
      lockTimeoutMs: int('PACTROOM_DB_LOCK_TIMEOUT_MS', 3_000, 10, 600_000),
      idleInTransactionTimeoutMs: int(
        'PACTROOM_DB_IDLE_IN_TRANSACTION_TIMEOUT_MS',
        30_000,
        100,
        3_600_000,
      ),
    },
    dataDir: resolve(env.PACTROOM_DATA_DIR || '.pactroom'),
    retention: {
      sweepSeconds: int('PACTROOM_RETENTION_SWEEP_SECONDS', 3_600, 0, 604_800),
      idempotencyKeyTtlHours: int('PACTROOM_IDEMPOTENCY_KEY_TTL_HOURS', 24, 1, 8_760),
    },
    auth: {
      jwtSecret,
      accessTokenTtlSeconds: int('PACTROOM_ACCESS_TOKEN_TTL_SECONDS', 900, 10, 86_400),
      refreshTokenTtlSeconds: int(
        'PACTROOM_REFRESH_TOKEN_TTL_SECONDS',
        30 * 86_400,
        60,
        365 * 86_400,
      ),
      webSessionTtlSeconds: int('PACTROOM_WEB_SESSION_TTL_SECONDS', 12 * 3_600, 60, 30 * 86_400),
      loginFailuresPerAccount: int('PACTROOM_LOGIN_FAILURES_PER_ACCOUNT', 5, 1, 10_000),
      loginFailuresPerAccountTotal: int(
        'PACTROOM_LOGIN_FAILURES_PER_ACCOUNT_TOTAL',
        100,
        1,
        1_000_000,
      ),
      loginAttemptsPerIp: int('PACTROOM_LOGIN_ATTEMPTS_PER_IP', 30, 1, 1_000_000),
      loginWindowSeconds: int('PACTROOM_LOGIN_WINDOW_SECONDS', 900, 1, 86_400),
      hashThreads,
      hashPriority: oneOf('PACTROOM_HASH_PRIORITY', HASH_PRIORITIES, 'low'),
      loginsInFlight,
      loginsInFlightPerAccount: int(
        'PACTROOM_LOGINS_IN_FLIGHT_PER_ACCOUNT',
        Math.max(1, Math.ceil(loginsInFlight / 2)),
        1,
        10_000,
      ),
      loginsInFlightPerIp: int(
        'PACTROOM_LOGINS_IN_FLIGHT_PER_IP',
        Math.max(1, loginsInFlight - 1),
        1,
        10_000,
      ),
    },
    demo,
    audit: {
      signingKey: env.PACTROOM_SIGNING_KEY || undefined,
      checkpointIntervalSeconds: int('PACTROOM_CHECKPOINT_INTERVAL_SECONDS', 300, 0, 86_400),
    },
    projections: {
      workers: int('PACTROOM_PROJECTION_WORKERS', 1, 1, 64),
      queue: int('PACTROOM_PROJECTION_QUEUE', 16, 1, 10_000),
      perUser: int('PACTROOM_PROJECTIONS_PER_USER', 2, 1, 1_000),
    },
    pacts: {
      expirySweepSeconds: int('PACTROOM_EXPIRY_SWEEP_SECONDS', 60, 0, 86_400),
      commandsPerMinute: int('PACTROOM_COMMANDS_PER_MINUTE', 30, 1, 1_000_000),
      withdrawalMarginHours: int('PACTROOM_WITHDRAWAL_MARGIN_HOURS', 72, 0, 24 * 30),
    },
    notifications: parseNotificationConfig(env, mode, int('PORT', 3000, 0, 65535), int, problems),
  };
  if (problems.length > 0) {
    throw new ConfigError(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
  return config;
}

/**
 * PACTROOM_TRUST_PROXY: empty or `false` — the socket's address is the client (the default: with no
 * proxy in front, a forwarded header is the client's own claim); `1`…`10` — trust that many proxy
 * hops; or a comma-separated list of proxy addresses and CIDR ranges. `true` (believe any
 * `X-Forwarded-For`) is refused: every client could then pick the address it is throttled as.
 */
function trustProxy(raw: string | undefined, problems: string[]): false | number | string {
  const value = raw?.trim() ?? '';
  if (value === '' || value === 'false') {
    return false;
  }
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops >= 1 && hops <= 10) {
      return hops;
    }
  } else if (value !== 'true') {
    const entries = value.split(',').map((e) => e.trim());
    const bad = entries.filter((e) => !isAddressOrRange(e));
    if (bad.length === 0) {
      return entries.join(',');
    }
    problems.push(`PACTROOM_TRUST_PROXY: not an IP address or CIDR range: ${bad.join(', ')}`);
    return false;
  }
  problems.push(
    `PACTROOM_TRUST_PROXY must be false, a hop count 1–10, or proxy addresses / CIDR ranges, got "${value}"`,
  );
  return false;
}

function isAddressOrRange(entry: string): boolean {
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) {
    return false;
  }
  if (prefix === undefined) {
    return true;
  }
  const bits = Number(prefix);
  return /^\d+$/.test(prefix) && bits <= (family === 4 ? 32 : 128);
}

/** A config with the database URL and JWT secret settled by the start script. */
export type ResolvedConfig = AppConfig & {
  readonly database: AppConfig['database'] & { readonly url: string };
  readonly auth: AppConfig['auth'] & { readonly jwtSecret: string };
  readonly demo: boolean;
  readonly embedded: boolean;
  readonly audit: AppConfig['audit'] & { readonly signingKey: string };
};

/** Settles the values the start script decides: the database URL, the JWT secret, demo seeding. */
export function resolveConfig(
  config: AppConfig,
  settled: { databaseUrl: string; jwtSecret?: string; signingKey: string; embedded: boolean },
): ResolvedConfig {
  return {
    ...config,
    database: { ...config.database, url: settled.databaseUrl },
    auth: {
      ...config.auth,
      jwtSecret:
        config.auth.jwtSecret ?? settled.jwtSecret ?? randomBytes(48).toString('base64url'),
    },
    demo: config.env === 'production' ? false : (config.demo ?? settled.embedded),
    embedded: settled.embedded,
    audit: { ...config.audit, signingKey: config.audit.signingKey ?? settled.signingKey },
  };
}

/** DI token for the resolved config. */
export const APP_CONFIG = Symbol('APP_CONFIG');
