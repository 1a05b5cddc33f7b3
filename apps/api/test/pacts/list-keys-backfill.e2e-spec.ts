// The list index is exact, and the list trusts it: a key left from a pact's earlier state (or
// filed by the earlier, broader rule) would list the pact to someone who may not see it. The boot
// backfill (`backfillListKeys`) files every pact by the TypeScript rule once per rule, replacing
// what was there; these tests give it stale and missing keys and check what it leaves and lists.
import { describe, expect, it } from '@jest/globals';
import { listKeysOf } from '@pactroom/negotiation';
import { LIST_KEYS_RULE, backfillListKeys, loadPact } from '../../src/pacts/store/index.js';
import { demoPactFixture, get } from '../support/pacts.js';

const f = demoPactFixture(['officer.ld.hastings', 'member.green', 'member.ld']);

const listed = async (who: string): Promise<string[]> =>
  (
    (await get(f.t, f.token(who), '/api/pacts?limit=200')).body as { items: { id: string }[] }
  ).items.map((p) => p.id);

async function storedKeys(id: string): Promise<string[]> {
  const rows: { key: string }[] = await f.t.dataSource.query(
    'SELECT key FROM pact_list_keys WHERE pact_id = $1 ORDER BY key',
    [id],
  );
  return rows.map((r) => r.key);
}

describe('the list-keys backfill', () => {
  it('replaces stale and missing keys with exactly the current ones, once per rule', async () => {
    const draft = (await f.create({ propose: false })).body as { id: string };
    const proposed = (await f.create()).body as { id: string };
    // A key a Green member looks under (stale), and a Lib Dem officer's own key gone (missing).
    await f.t.dataSource.query(
      `INSERT INTO pact_list_keys (key, pact_created_at, pact_id)
       SELECT 'member:green', created_at, id FROM pacts WHERE id = ANY($1::uuid[])`,
      [[draft.id, proposed.id]],
    );
    await f.t.dataSource.query(
      `DELETE FROM pact_list_keys WHERE pact_id = $1 AND key LIKE 'author:%'`,
      [draft.id],
    );
    await f.t.dataSource.query('DELETE FROM maintenance_runs WHERE name = $1', [LIST_KEYS_RULE]);
    // Why it matters: the list trusts the keys.
    expect(await listed('member.green')).toEqual(expect.arrayContaining([draft.id, proposed.id]));
    expect(await listed('officer.ld.hastings')).not.toContain(draft.id);

    const logged: string[] = [];
    const filed = await backfillListKeys(f.t.dataSource, (m) => logged.push(m));
    expect(filed).toBeGreaterThanOrEqual(2);
    expect(logged.join('\n')).toMatch(/stale keys removed/);
    for (const id of [draft.id, proposed.id]) {
      const pact = await loadPact(f.t.dataSource.manager, id, false);
      if (!pact) {
        throw new Error(`pact ${id} not loaded`);
      }
      expect(await storedKeys(id)).toEqual(listKeysOf(pact));
    }
    const green = await listed('member.green');
    expect(green).not.toContain(draft.id);
    expect(green).not.toContain(proposed.id);
    expect(await listed('officer.ld.hastings')).toEqual(
      expect.arrayContaining([draft.id, proposed.id]),
    );
    // Once per rule: a second boot leaves the keys alone.
    await f.t.dataSource.query(
      `INSERT INTO pact_list_keys (key, pact_created_at, pact_id)
       SELECT 'member:green', created_at, id FROM pacts WHERE id = $1`,
      [draft.id],
    );
    expect(await backfillListKeys(f.t.dataSource, () => undefined)).toBeNull();
    expect(await storedKeys(draft.id)).toContain('member:green');
  });
});
