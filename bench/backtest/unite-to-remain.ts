// The out-of-sample test of the uncertainty: the 60 Unite to Remain seats projected from GE2017 to
// the actual 2019 shares with the pact's stand-asides, against what happened in December 2019.
import {
  prepareScenario,
  project,
  type CompiledBaseline,
  type NoiseModel,
  type StandAside,
  type Swing,
} from '@pactroom/seat-projection';

export interface PactTest {
  readonly seats: number;
  readonly winnersRight: number;
  /** Mean absolute error of the median beneficiary share, points. */
  readonly beneficiaryShareMae: number;
  /** Share of seats whose actual beneficiary share lies inside the 90 % band. */
  readonly bandCoverage90: number;
  readonly meanBandWidth: number;
  /** Mean squared error of the beneficiary's win probability against the outcome (0 or 1). */
  readonly brier: number;
  readonly draws: number;
}

export function pactTest(
  from: CompiledBaseline,
  to: CompiledBaseline,
  standAsides: readonly StandAside[],
  swing: Swing,
  noise: NoiseModel,
  draws: number,
  onProgress: (done: number, total: number) => void,
): PactTest {
  const checked = prepareScenario(from, { standAsides, transfers: 'central', swing });
  if (!checked.ok) {
    throw new Error(`invalid scenario: ${JSON.stringify(checked.problems)}`);
  }
  const result = project(checked.value, {
    draws,
    seed: 2019,
    noise,
    include: 'touched',
    onProgress,
    progressEvery: 1000,
  });
  const seatOf = new Map(to.onsCodes.map((code, i) => [code, i]));
  const beneficiary = new Map(standAsides.map((s) => [s.constituency, s.beneficiary]));
  let right = 0;
  let absError = 0;
  let covered = 0;
  let width = 0;
  let brier = 0;
  for (const c of result.constituencies) {
    const seat = seatOf.get(c.onsCode);
    const party = beneficiary.get(c.onsCode);
    if (seat === undefined || party === undefined) {
      continue;
    }
    const j = to.parties.indexOf(party);
    const actualShare = j < 0 ? 0 : (100 * to.votes[seat * to.nParties + j]) / to.validVotes[seat];
    const actualWinner = to.parties[to.winners[seat]];
    const modal = Object.entries(c.winProbability).sort((a, b) => b[1] - a[1])[0]?.[0];
    right += modal === actualWinner ? 1 : 0;
    const band = c.shareBands?.[party] ?? { p5: 0, p50: 0, p95: 0 };
    absError += Math.abs(band.p50 - actualShare);
    covered += actualShare >= band.p5 && actualShare <= band.p95 ? 1 : 0;
    width += band.p95 - band.p5;
    const p = c.winProbability[party] ?? 0;
    brier += (p - (actualWinner === party ? 1 : 0)) ** 2;
  }
  const n = result.constituencies.length;
  return {
    seats: n,
    winnersRight: right,
    beneficiaryShareMae: absError / n,
    bandCoverage90: covered / n,
    meanBandWidth: width / n,
    brier: brier / n,
    draws,
  };
}
