import { type CompiledBaseline } from './compile-baseline.js';
import { type ScenarioProblem } from './problems.js';

/**
 * `uniform`: every seat's share of party p moves by the same number of points as its national
 * share (Butler swing). `proportional`: every seat's share is multiplied by the national ratio.
 */
export type SwingMethod = 'uniform' | 'proportional';

/**
 * A national swing from the baseline's national shares to poll shares, in percent (0–100).
 * Parties not named share what is left of 100 % in proportion to their baseline shares, the way a
 * poll's "others" line works.
 */
export interface NationalSwing {
  readonly method: SwingMethod;
  readonly shares: Readonly<Record<string, number>>;
}

/** Swung votes: effective and residual votes, seat × party, on each seat's baseline turnout. */
export interface SwungVotes {
  readonly votes: Float64Array;
  readonly residual: Float64Array;
}

/** Baseline national vote shares in percent, all candidates included, by party code. */
export function nationalShares(baseline: CompiledBaseline): Record<string, number> {
  const total = baseline.nationalVotes.reduce((a, b) => a + b, 0);
  const shares: Record<string, number> = {};
  baseline.parties.forEach((party, p) => {
    shares[party] = (100 * baseline.nationalVotes[p]) / total;
  });
  return shares;
}

/** Checks a swing against a baseline; an empty list means it can be applied. */
export function swingProblems(baseline: CompiledBaseline, swing: NationalSwing): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  const method: string = swing.method;
  if (method !== 'uniform' && method !== 'proportional') {
    problems.push({
      code: 'INVALID_SWING',
      path: 'swing.method',
      message: `unknown swing method ${method}`,
    });
  }
  let sum = 0;
  for (const [party, share] of Object.entries(swing.shares)) {
    const path = `swing.shares.${party}`;
    if (!baseline.parties.includes(party)) {
      problems.push({ code: 'UNKNOWN_PARTY', path, message: `${party} has no baseline votes` });
    } else if (!Number.isFinite(share) || share < 0 || share > 100) {
      problems.push({ code: 'INVALID_SWING', path, message: `${share} is not a percentage` });
    } else {
      sum += share;
    }
  }
  if (sum > 100 + 1e-9) {
    problems.push({
      code: 'INVALID_SWING',
      path: 'swing.shares',
      message: `shares sum to ${sum} %, more than 100 %`,
    });
  }
  return problems;
}

/** National target share (fraction) per party index: named shares, others scaled to fill 100 %. */
function targets(baseline: CompiledBaseline, swing: NationalSwing): Float64Array {
  const total = baseline.nationalVotes.reduce((a, b) => a + b, 0);
  const target = new Float64Array(baseline.nParties);
  let named = 0;
  let unnamedBaseline = 0;
  baseline.parties.forEach((party, p) => {
    const share = swing.shares[party];
    if (share === undefined) {
      unnamedBaseline += baseline.nationalVotes[p] / total;
    } else {
      target[p] = share / 100;
      named += share / 100;
    }
  });
  const scale = unnamedBaseline > 0 ? Math.max(0, 1 - named) / unnamedBaseline : 0;
  baseline.parties.forEach((party, p) => {
    if (swing.shares[party] === undefined) {
      target[p] = (baseline.nationalVotes[p] / total) * scale;
    }
  });
  return target;
}

/**
 * Applies a national swing (assumed valid: see {@link swingProblems}); without one, returns the
 * baseline votes. Only parties that stood in a seat move, shares are clamped at zero, residual
 * (minor `ind`/`other`) shares are held, and the seat is renormalised to its baseline turnout. A
 * seat whose swung shares all clamp to zero keeps its baseline votes, as there is nothing left to
 * renormalise.
 */
export function applySwing(baseline: CompiledBaseline, swing?: NationalSwing): SwungVotes {
  if (!swing) {
    return { votes: baseline.votes, residual: baseline.residual };
  }
  const { nSeats, nParties } = baseline;
  const total = baseline.nationalVotes.reduce((a, b) => a + b, 0);
  const target = targets(baseline, swing);
  const votes = new Float64Array(baseline.votes.length);
  const residual = new Float64Array(baseline.residual.length);
  for (let seat = 0; seat < nSeats; seat++) {
    const row = seat * nParties;
    const valid = baseline.validVotes[seat];
    let sum = 0;
    let contenders = 0;
    for (let p = 0; p < nParties; p++) {
      const share = baseline.votes[row + p] / valid;
      const national = baseline.nationalVotes[p] / total;
      let swung = share;
      if (share > 0) {
        swung =
          swing.method === 'uniform'
            ? Math.max(0, share + target[p] - national)
            : national > 0
              ? (share * target[p]) / national
              : share;
      }
      votes[row + p] = swung;
      residual[row + p] = baseline.residual[row + p] / valid;
      contenders += swung;
      sum += swung + residual[row + p];
    }
    const keep = !(contenders > 0);
    for (let p = 0; p < nParties; p++) {
      votes[row + p] = keep ? baseline.votes[row + p] : (votes[row + p] / sum) * valid;
      residual[row + p] = keep ? baseline.residual[row + p] : (residual[row + p] / sum) * valid;
    }
  }
  return { votes, residual };
}
