import { describe, expect, it } from '@jest/globals';
import { HASTINGS_FOR_LEWES, demoPactFixture, get, post } from '../support/pacts.js';

// Issue 10, item 11: one officer countered their own proposal 100 times in 7 s, and every reader
// of the pact then downloaded 39 MiB of revisions and 19.6 MiB of audit events. Histories are paged
// and commands are throttled per account.

const LIMIT = 12;
const f = demoPactFixture(['officer.ld.hastings', 'officer.lab.lewes'], {
  PACTROOM_COMMANDS_PER_MINUTE: String(LIMIT),
});
const token = f.token;

const termsWith = (i: number) => ({
  ...HASTINGS_FOR_LEWES,
  commitments: [{ party: 'lab', text: `Commitment number ${i}` }],
});

describe('a pact countered many times', () => {
  it('pages its revisions and audit events, and throttles the account that floods it', async () => {
    const created = await f.create();
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const statuses: number[] = [];
    let revision = 1;
    // Until refused: within one minute window at most LIMIT pass, so a refusal comes by attempt
    // LIMIT + 1 — or by 2 × LIMIT + 1 if the window turns meanwhile.
    for (let i = 0; i < 2 * LIMIT + 1 && !statuses.includes(429); i++) {
      const res = await post(f.t, token('officer.lab.lewes'), `/api/pacts/${id}/counter`, {
        baseRevision: revision,
        terms: termsWith(i),
      });
      statuses.push(res.status);
      if (res.status === 200) {
        revision = res.body.currentRevision as number;
      } else {
        expect(res.status).toBe(429);
        expect(res.body).toMatchObject({ code: 'TOO_MANY_COMMANDS', details: { limit: LIMIT } });
        expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      }
    }
    // Within one minute: the limit is reached, then refused — unless the minute turned meanwhile.
    const accepted = statuses.filter((s) => s === 200).length;
    expect(accepted).toBeGreaterThanOrEqual(LIMIT);
    expect(accepted).toBeLessThanOrEqual(2 * LIMIT);
    expect(statuses).toContain(429);
    // Another account is not slowed down by it.
    expect((await get(f.t, token('officer.ld.hastings'), `/api/pacts/${id}`)).status).toBe(200);

    // Paged: the list convention (limit, cursor) over every revision, in order, each once.
    const numbers: number[] = [];
    let cursor: string | null = null;
    do {
      const page = await get(
        f.t,
        token('officer.ld.hastings'),
        `/api/pacts/${id}/revisions?limit=5${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(5);
      numbers.push(...(page.body.items as { number: number }[]).map((r) => r.number));
      cursor = page.body.nextCursor as string | null;
    } while (cursor !== null);
    expect(numbers).toEqual(Array.from({ length: revision }, (_, i) => i + 1));

    const seqs: number[] = [];
    cursor = null;
    do {
      const page = await get(
        f.t,
        token('officer.ld.hastings'),
        `/api/pacts/${id}/audit?limit=4${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.status).toBe(200);
      seqs.push(...(page.body.items as { seq: number }[]).map((e) => e.seq));
      cursor = page.body.nextCursor as string | null;
    } while (cursor !== null);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    expect(seqs.length).toBe(2 + (revision - 1)); // drafted, proposed, one per counter

    // Unpaged requests get the first page only (default 50); a foreign cursor is refused.
    const first = await get(
      f.t,
      token('officer.ld.hastings'),
      `/api/pacts/${id}/revisions?limit=200`,
    );
    expect(first.body.items).toHaveLength(revision);
    const bad = await get(f.t, token('officer.ld.hastings'), `/api/pacts/${id}/audit?cursor=abc`);
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('INVALID_CURSOR');
  });
});
