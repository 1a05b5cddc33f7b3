import { ELECTIONS, type ElectionInfo } from './catalogue.js';
import { ElectionDataError, parseElection, type ElectionResults } from './parse-election.js';

/**
 * A candidate's name as compared across elections: accents, case and spacing vary between the
 * published files ("Zac Goldsmith" is the same in 2015 and 2017, but not every name is).
 */
function plainName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

function nameKey(party: string, name: string): string {
  return `${party}\u0000${plainName(name)}`;
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

/** One candidate nominated at the next election (a statement of persons nominated). */
export interface Nominee {
  readonly onsCode: string;
  readonly name: string;
}

/** A name as compared on a ballot: its first initial, its surname and its letters only. */
interface BallotName {
  readonly initial: string;
  readonly surname: string;
  readonly letters: string;
}

function ballotName(name: string): BallotName {
  const words = plainName(name).split(' ');
  const lettersOf = (text: string) => text.replace(/[^a-z]/g, '');
  return {
    initial: words[0]?.[0] ?? '',
    surname: lettersOf(words.at(-1) ?? ''),
    letters: lettersOf(words.join('')),
  };
}

/**
 * Whether two forms of a name can be the same person: a statement of persons nominated and a
 * results file often differ in full ("Tim Farron" won in 2017, "Timothy Farron" stood in 2019;
 * "Rebecca Long Bailey" and "Long-Bailey"; "Martin Docherty" and "Martin Docherty-Hughes"), so the
 * first initial must agree and either surname must appear in the other name. A successor of the same
 * surname seldom shares the initial (Burton 2019: Kate Griffiths after Andrew Griffiths).
 */
function sameCandidate(a: BallotName, b: BallotName): boolean {
  return (
    a.initial === b.initial &&
    a.surname !== '' &&
    b.surname !== '' &&
    (a.letters.includes(b.surname) || b.letters.includes(a.surname))
  );
}

/**
 * The seats of `results` whose winner is not among the next election's `nominees` for the same
 * seat (under any party; names compared by `sameCandidate`), on the same boundaries. A seat with no
 * nominee at all is left out: its nominations are not known yet, and the MP is presumed to stand
 * again. In the shipped data: 41 winners of 2015 did not stand in 2017, 90 of 2017 in 2019 (55 and
 * 112 by exact name). A changed surname (Suella Fernandes, then Braverman) or first name (Bill, then
 * William Cash) still reads as standing down.
 */
export function seatsStandingDown(
  results: ElectionResults,
  nominees: readonly Nominee[],
): string[] {
  const named = new Map<string, BallotName[]>();
  for (const n of nominees) {
    let names = named.get(n.onsCode);
    if (!names) {
      names = [];
      named.set(n.onsCode, names);
    }
    names.push(ballotName(n.name));
  }
  return results.constituencies
    .filter((seat) => {
      const names = named.get(seat.onsCode);
      const winner = seat.candidates.find((c) => c.elected);
      if (names === undefined || winner === undefined) {
        return false;
      }
      const mp = ballotName(winner.name);
      return !names.some((n) => sameCandidate(mp, n));
    })
    .map((seat) => seat.onsCode);
}
