import { type CompiledBaseline } from './compile-baseline.js';
import { type ScenarioProblem } from './problems.js';
import { type Shares, type Swing } from './swing.js';

function sharesProblems(
  baseline: CompiledBaseline,
  swing: Swing,
  shares: Shares,
  path: string,
  problems: ScenarioProblem[],
): void {
  let sum = 0;
  for (const [party, share] of Object.entries(shares)) {
    const at = `${path}.${party}`;
    if (!Number.isFinite(share) || share < 0 || share > 100) {
      problems.push({ code: 'INVALID_SWING', path: at, message: `${share} is not a percentage` });
      continue;
    }
    sum += share;
  }
  if (sum > 100 + 1e-9) {
    problems.push({
      code: 'INVALID_SWING',
      path,
      message: `shares sum to ${Math.round(sum * 100) / 100} %, more than 100 %`,
    });
  }
}

function standingDownProblems(
  baseline: CompiledBaseline,
  swing: Swing,
  problems: ScenarioProblem[],
): void {
  const standingDown = swing.standingDown;
  if (standingDown === undefined) {
    return;
  }
  const codes = new Set(baseline.onsCodes);
  standingDown.seats.forEach((code, i) => {
    if (!codes.has(code)) {
      problems.push({
        code: 'UNKNOWN_CONSTITUENCY',
        path: `swing.standingDown.seats[${i}]`,
        message: `${code} is not a constituency of ${baseline.election}`,
      });
    }
  });
  const penalty: unknown = standingDown.penalty;
  if (
    penalty !== undefined &&
    !(typeof penalty === 'number' && Number.isFinite(penalty) && penalty >= 0 && penalty <= 1)
  ) {
    problems.push({
      code: 'INVALID_SWING',
      path: 'swing.standingDown.penalty',
      message: 'penalty must be a fraction from 0 to 1',
    });
  }
}

/** Checks a swing against a baseline; an empty list means it can be applied. */
export function swingProblems(baseline: CompiledBaseline, swing: Swing): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  const model: string = swing.model;
  if (model !== 'uniform' && model !== 'proportional') {
    problems.push({
      code: 'INVALID_SWING',
      path: 'swing.model',
      message: `unknown swing model ${model}: uniform or proportional`,
    });
  }
  const basis: string = swing.basis ?? 'gb';
  if (basis !== 'gb' && basis !== 'uk') {
    problems.push({
      code: 'INVALID_SWING',
      path: 'swing.basis',
      message: `unknown basis ${basis}: gb or uk`,
    });
  }
  const firstDefence: unknown = swing.firstDefence;
  const bonusOk =
    typeof firstDefence === 'number' &&
    Number.isFinite(firstDefence) &&
    firstDefence >= 0 &&
    firstDefence <= 0.1;
  if (firstDefence !== undefined && typeof firstDefence !== 'boolean' && !bonusOk) {
    problems.push({
      code: 'INVALID_SWING',
      path: 'swing.firstDefence',
      message: 'firstDefence must be true, false or a fraction of the vote from 0 to 0.1',
    });
  }
  standingDownProblems(baseline, swing, problems);
  if (swing.shares) {
    sharesProblems(baseline, swing, swing.shares, 'swing.shares', problems);
  }
  const regions = new Set(baseline.regions);
  for (const [region, shares] of Object.entries(swing.regions ?? {})) {
    const path = `swing.regions.${region}`;
    if (!regions.has(region)) {
      problems.push({
        code: 'UNKNOWN_REGION',
        path,
        message: `no region ${region} in ${baseline.election}`,
      });
    } else {
      sharesProblems(baseline, swing, shares, path, problems);
    }
  }
  for (const [party, proxy] of Object.entries(swing.proxies ?? {})) {
    const path = `swing.proxies.${party}`;
    if (baseline.parties.includes(party)) {
      problems.push({
        code: 'INVALID_SWING',
        path,
        message: `${party} stood in ${baseline.election}: only a new party takes a proxy`,
      });
    } else if (!baseline.parties.includes(proxy)) {
      problems.push({
        code: 'UNKNOWN_PARTY',
        path,
        message: `proxy ${proxy} has no votes in ${baseline.election}`,
      });
    }
  }
  if (!swing.shares && Object.keys(swing.regions ?? {}).length === 0) {
    problems.push({
      code: 'INVALID_SWING',
      path: 'swing',
      message: 'a swing needs shares, regions, or both',
    });
  }
  return problems;
}
