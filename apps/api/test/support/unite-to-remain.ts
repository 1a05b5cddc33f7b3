import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseUniteToRemain, type UniteToRemainSeat } from '@pactroom/election-data';
import type { StandAside } from '@pactroom/negotiation';
import { electionDataDir } from '../../src/reference/election-files.js';
import { createLocalParty } from './factories.js';
import type { TestApp } from './test-app.js';

// The 2019 Unite to Remain pact from the shipped list, for the tests that play it as one pact.

/** The 60 pact seats (not the 3 extra Lib Dem stand-downs) and their 71 stand-asides. */
export function uniteToRemain(): { seats: UniteToRemainSeat[]; legs: StandAside[] } {
  const csv = readFileSync(join(electionDataDir(), 'unite_to_remain_2019.csv'), 'utf8');
  const seats = parseUniteToRemain(csv).filter((s) => s.arrangement === 'unite_to_remain');
  const legs = seats.flatMap((s) =>
    s.partiesStandingAside.map((party) => ({
      party,
      constituency: s.onsCode,
      beneficiary: s.beneficiary,
    })),
  );
  return { seats, legs };
}

/** A branch of `party` covering `onsCode` (2010 boundaries): the demo's if it has one. */
export async function branchOf(t: TestApp, party: string, onsCode: string): Promise<string> {
  const rows = await t.dataSource.query<{ id: string }[]>(
    `SELECT lp.id FROM local_parties lp
       JOIN local_party_constituencies lpc ON lpc.local_party_id = lp.id AND lpc.removed_at IS NULL
       JOIN constituencies c ON c.id = lpc.constituency_id AND c.boundary_set = '2010'
      WHERE lp.party_code = $1 AND c.ons_code = $2 AND lp.retired_at IS NULL`,
    [party, onsCode],
  );
  return rows[0]?.id ?? (await createLocalParty(t, party, onsCode));
}
