// page-pact: GET /pact/:id, the pact page as the Hastings LD officer sees it (server-rendered HTML
// with the browser session cookie), against the same pact as JSON (GET /api/pacts/:id, bearer) on
// the same app: what rendering the page costs over the API read it is built on. Closed-loop maximum
// rates alternate; then both paced at half the page's own maximum (the JSON read at the same rate),
// for the page's p99 where it is not saturated. Also the page weight a browser downloads for it
// without the seat chart (HTML, stylesheet, scripts). Target: weight < 100 kB; p99 ≤ 50 ms there.
import { runLoad } from '../support/load.js';
import { fmt, msSince, significant } from '../support/stats.js';
import { pageSession, shuffle } from './client.js';
import { type PhaseResult, readSpec, recorded, type Stage } from './context.js';
import { failures, med, noiseFields, oursThenBaseline, rateFields, rateHead } from './rounds.js';
import { log, PACED_INSTANCES, READ, ROUNDS } from './settings.js';

const TARGET = { weightKb: 100, p99Ms: 50 };

/** Bytes of the page and of the stylesheets and scripts it links (not images: the chart). */
async function pageWeight(url: string, path: string, cookie: string): Promise<number> {
  const res = await fetch(`${url}${path}`, { headers: { cookie } });
  const html = await res.text();
  if (res.status !== 200) {
    throw new Error(`GET ${path}: ${res.status}`);
  }
  const linked = [
    ...html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g),
    ...html.matchAll(/<script src="([^"]+)"/g),
  ].map((m) => m[1] ?? '');
  let bytes = Buffer.byteLength(html);
  for (const asset of new Set(linked)) {
    bytes += (await (await fetch(`${url}${asset}`)).arrayBuffer()).byteLength;
  }
  return bytes;
}

export async function benchPagePact(stage: Stage): Promise<PhaseResult> {
  const { lab, appBig, big } = stage;
  const phase = process.hrtime.bigint();
  const cookie = await pageSession(appBig.url, 'officer.ld.hastings@pactroom.test');
  const ids = shuffle(big.readable, 11);
  const pageSpec = (label: string) => ({
    label,
    url: appBig.url,
    method: 'GET' as const,
    headers: { cookie },
    requests: ids.map((id) => ({ path: `/pact/${id}` })),
    connections: READ.connections,
  });
  const weight = await pageWeight(appBig.url, `/pact/${ids[0] ?? ''}`, cookie);
  log(`page-pact: page weight ${fmt(weight / 1024)} kB; warm-up ${READ.warmS} s`);
  await runLoad({ ...pageSpec('warm page'), durationS: READ.warmS });
  const same = { appBig, baseBig: appBig };
  const max = await oursThenBaseline(lab, same, 'page-pact max rate', (server, side) =>
    side === 'ours'
      ? { ...pageSpec('page'), durationS: READ.maxS }
      : { ...readSpec(stage, server, 'json'), durationS: READ.maxS },
  );
  const rate = Math.max(1, Math.round(med(max.ours, (r) => r.rps) / 2));
  const at = { durationS: READ.rateS, rate, connections: PACED_INSTANCES };
  const paced = await oursThenBaseline(lab, same, `page-pact at ${rate} req/s`, (server, side) =>
    side === 'ours'
      ? { ...pageSpec('page @rate'), ...at }
      : { ...readSpec(stage, server, 'json @rate'), ...at },
  );
  const p99 = med(paced.ours, (r) => r.p99Ms);
  const failed = failures([...max.ours, ...paced.ours]);
  log(`page-pact done in ${fmt(msSince(phase) / 1000)} s`);
  return {
    entry: {
      ...rateHead('page-pact', 'req/s', max.ours, max.base, paced.ours),
      target: `page weight < ${TARGET.weightKb} kB, p99 ≤ ${TARGET.p99Ms} ms @ ½ page max`,
      pass: weight / 1024 < TARGET.weightKb && p99 <= TARGET.p99Ms && failed === 0,
      pageWeightKb: significant(weight / 1024),
      rateRps: rate,
      ...rateFields(max.ours, max.base, paced.ours, paced.base),
      ...noiseFields(max.alternation, paced.alternation),
      failed,
      notes:
        `GET /pact/:id (the pact page, HTML, session cookie) as the Hastings LD officer over ` +
        `${big.readable.length} pacts of ${big.pacts}; baseline = the same app answering ` +
        `GET /api/pacts/:id (JSON, bearer) for the same pacts: ratio = page/JSON. Median of ` +
        `${ROUNDS} alternating closed-loop runs (${READ.connections} connections, ${READ.maxS} s); ` +
        `p50Ms/p99Ms = page latency paced at half the page's own max (${rate} req/s, ` +
        `${PACED_INSTANCES} staggered instances). pageWeightKb = the page's HTML plus its ` +
        `stylesheet and scripts, uncompressed, without the seat chart.`,
      ...recorded,
    },
  };
}
