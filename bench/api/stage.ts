// Sets the stage for the data phases: a scratch embedded PostgreSQL; the app boots once on it
// (migrations, election data, demo accounts) and signs in the two officers the benchmarks act as;
// the database is cloned into a small one, both are seeded (support/seed.ts) to 100,000 and 1,000
// pacts, and the app and the baseline start side by side on them (one loaded at a time).
import { join } from 'node:path';
import type pg from 'pg';
import { startScratchCluster } from '../../apps/api/src/database/scratch-cluster.js';
import { postmasterPid } from '../support/cpu.js';
import { startMailSink } from '../support/mail-sink.js';
import { loadWorld, seedPacts, type SeedReport } from '../support/seed.js';
import { fmt, msSince } from '../support/stats.js';
import { getJson, login, stable, withClient } from './client.js';
import type { Stage } from './context.js';
import type { Lab } from './lab.js';
import { BIG, log, notifyReserve, SMALL } from './settings.js';

/** A table's size on disk with its indexes, as PostgreSQL prints it (`512 MB`). */
async function tableSize(client: pg.Client, table: string): Promise<string> {
  const { rows } = await client.query<{ size: string }>(
    'SELECT pg_size_pretty(pg_total_relation_size($1::regclass)) AS size',
    [table],
  );
  return rows[0]?.size ?? '?';
}

export async function setStage(lab: Lab, withSmall: boolean, profile: boolean): Promise<Stage> {
  // No fixed port: the scratch cluster takes one the OS reports free (and retries on a race).
  lab.mail = await startMailSink();
  log(`SMTP sink for the apps' mail: ${lab.mail.url}`);
  const cluster = await startScratchCluster(undefined, (m) => log(`  ${m}`));
  lab.cluster = cluster;
  const database = cluster.database;
  lab.postmaster = postmasterPid(join(cluster.dir, 'pg'));
  await database.ensureDatabase('pactroom');
  log(`scratch PostgreSQL: ${database.url('pactroom')}`);
  const boot = await lab.startApp('app (first boot)', database.url('pactroom'));
  log('app booted once: migrations, election data, demo accounts');
  const tokens = {
    ldHastings: await login(boot.url, 'officer.ld.hastings@pactroom.test'),
    labLewes: await login(boot.url, 'officer.lab.lewes@pactroom.test'),
  };
  await lab.stopServer(boot);
  await withClient(database.url('postgres'), (c) =>
    c.query('CREATE DATABASE pactroom_small TEMPLATE pactroom'),
  );
  log('signed in the Hastings LD and Lewes Labour officers; cloned the database for 1,000 pacts');

  const seedInto = (db: string, plan: typeof BIG): Promise<SeedReport> =>
    withClient(database.url(db), async (client) => {
      const world = await loadWorld(client);
      let shown = 0;
      const report = await seedPacts(client, world, plan, (done) => {
        if (done - shown >= 20_000 || done === plan.pacts) {
          shown = done;
          log(`  ${db}: ${done.toLocaleString('en-GB')} / ${plan.pacts.toLocaleString('en-GB')}`);
        }
      });
      const vacuum = process.hrtime.bigint();
      await client.query('VACUUM ANALYZE');
      const counts = await client.query<{ pacts: string; events: string; keys: string }>(
        `SELECT (SELECT count(*) FROM pacts) AS pacts, (SELECT count(*) FROM audit_events) AS events,
                (SELECT count(*) FROM pact_list_keys) AS keys`,
      );
      log(
        `seeded ${db}: ${counts.rows[0]?.pacts} pacts, ${counts.rows[0]?.events} audit events, ` +
          `${counts.rows[0]?.keys} list keys (${await tableSize(client, 'pact_list_keys')}) ` +
          `in ${fmt(report.ms / 1000)} s (+ VACUUM ANALYZE ${fmt(msSince(vacuum) / 1000)} s); ` +
          Object.entries(report.byStatus)
            .map(([s, n]) => `${s} ${n}`)
            .join(', '),
      );
      return report;
    });
  await seedInto('pactroom_small', SMALL);
  const big = await seedInto('pactroom', BIG);

  const [appBig, baseBig, appSmall, baseSmall] = await Promise.all([
    lab.startApp('app (100k)', database.url('pactroom'), profile),
    lab.startBaseline('baseline (100k)', database.url('pactroom')),
    withSmall ? lab.startApp('app (1k)', database.url('pactroom_small')) : undefined,
    withSmall ? lab.startBaseline('baseline (1k)', database.url('pactroom_small')) : undefined,
  ]);
  log(`servers up: app ${appBig.url}, baseline ${baseBig.url}`);

  // Both sides must answer the same body, or the comparison is meaningless.
  for (const [path, token] of [
    [`/api/pacts/${big.readable[0] ?? ''}`, tokens.ldHastings],
    ['/api/pacts', tokens.labLewes],
  ] as const) {
    const [ours, theirs] = await Promise.all(
      [appBig, baseBig].map((s) => getJson(`${s.url}${path}`, token)),
    );
    if (stable(ours) !== stable(theirs)) {
      throw new Error(`GET ${path}: the app and the baseline answer different bodies`);
    }
  }
  log('check: app and baseline answer identical bodies for GET /api/pacts/:id and GET /api/pacts');
  const pool = [...big.signPool];
  return {
    lab,
    database,
    tokens,
    big,
    appBig,
    baseBig,
    appSmall,
    baseSmall,
    signPool: pool,
    notifyPool: pool.splice(pool.length - notifyReserve()),
  };
}
