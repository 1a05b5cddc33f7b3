import { ELECTIONS, type ElectionInfo } from './catalogue.js';
import { ElectionDataError, parseElection, type ElectionResults } from './parse-election.js';

/**
 * A candidate's name as compared across elections: accents, case and spacing vary between the
 * published files ("Zac Goldsmith" is the same in 2015 and 2017, but not every name is).
 */
function nameKey(party: string, name: string): string {
  const plain = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
  return `${party}\u0000${plain}`;
}

/**
 * `results` with `formerMp` set on each candidate who won a seat at one of the `earlier` elections
 * for the same party, under the same name. The candidate lists only say who sat at the dissolution,
 * so without this an MP who lost (or left) and came back counts as first-term: Zac Goldsmith won
 * Richmond Park in 2015, lost it at the 2016 by-election and won it back in 2017 (1 seat of 2017,
 * 14 of 2019, 8 of 2024). The same party is required so that two namesakes in different parties
 * are not confused; a returning MP who changed party is missed, which errs towards the old rule.
 */
export function markFormerMps(
  results: ElectionResults,
  earlier: readonly ElectionResults[],
): ElectionResults {
  const winners = new Set<string>();
  for (const election of earlier) {
    for (const seat of election.constituencies) {
      for (const cand of seat.candidates) {
        if (cand.elected) {
          winners.add(nameKey(cand.party, cand.name));
        }
      }
    }
  }
  return {
    election: results.election,
    constituencies: results.constituencies.map((seat) => ({
      ...seat,
      candidates: seat.candidates.map((cand) => ({
        ...cand,
        formerMp: winners.has(nameKey(cand.party, cand.name)),
      })),
    })),
  };
}

/**
 * A shipped election parsed and marked with every earlier shipped election (`markFormerMps`);
 * `read` gives a file's text, so the caller chooses how files are read (the library does no IO).
 */
export function parseShippedElection(
  code: string,
  read: (file: string) => string,
): ElectionResults {
  const at = ELECTIONS.findIndex((e) => e.code === code);
  if (at < 0) {
    throw new ElectionDataError(`no shipped election ${code}`);
  }
  const parse = (info: ElectionInfo) =>
    parseElection(info, read(info.resultsFile), read(info.candidatesFile));
  return markFormerMps(parse(ELECTIONS[at]), ELECTIONS.slice(0, at).map(parse));
}
