export { compileBaseline, SeatProjectionError, type CompiledBaseline } from './compile-baseline.js';
export { type Checked, type ScenarioProblem, type ScenarioProblemCode } from './problems.js';
export {
  applySwing,
  MAX_UNNAMED_SCALE,
  newParties,
  type Shares,
  type Swing,
  type SwingModel,
  type SwungBaseline,
} from './swing.js';
export { swingProblems } from './swing-problems.js';
export { nationalShares, NORTHERN_IRELAND, regionalShares, type SwingBasis } from './shares.js';
export {
  getTransferSet,
  TRANSFER_SET_NAMES,
  TRANSFER_SETS,
  type TransferBasis,
  type TransferRate,
  type TransferSet,
  type TransferSetKind,
  type TransferStance,
} from './transfer-sets.js';
export { customTransferSet, validateTransferSet, type CustomRate } from './validate-transfers.js';
export {
  prepareScenario,
  type PreparedScenario,
  type Scenario,
  type StandAside,
} from './prepare-scenario.js';
export { projectDeterministic, type DeterministicOutcome } from './deterministic.js';
export { breakEvens, type BreakEven } from './break-even.js';
export { NOISE_TABLE_BITS, type Seed } from './random.js';
export { shareBandsOf, type ShareBand } from './bands.js';
export {
  firstDefenceErrors,
  fitFirstDefence,
  fitScale,
  fitStandingDown,
  winnerErrors,
  fitScaleForBand,
  regionalErrors,
  seatErrors,
  type ErrorSample,
} from './calibrate.js';
export {
  BAND_BINS,
  DEFAULT_NOISE,
  mergeTallies,
  type BandSeats,
  simulate,
  type MonteCarloTally,
  type NoiseModel,
  type SimulateOptions,
} from './simulate.js';
export { STRONGHOLD, strongholdEntries } from './strongholds.js';
export { FIRST_DEFENCE_BONUS } from './first-defence.js';
export { STANDING_DOWN_PENALTY, standingDownSeats, type StandingDown } from './standing-down.js';
export {
  runMonteCarlo,
  summariseTally,
  type ConstituencyOdds,
  type MonteCarloSummary,
  type SeatDistribution,
} from './summarise.js';
export { type EvaluateOptions } from './evaluate.js';
export {
  project,
  projectFromTally,
  type ConstituencyProjection,
  type ConstituencySelection,
  type ConstituencyStandAside,
  type Flip,
  type PartySeats,
  type ProjectionResult,
  type ProjectOptions,
} from './project.js';
export { assessPact, type PactImpact, type PactSeat, type PartyBalance } from './pact-impact.js';
export {
  SUGGESTION_DRAWS,
  SUGGESTION_LIMIT,
  suggestSwaps,
  SWAP_PAIRINGS,
  type SwapLeg,
  type SwapOptions,
  type SwapPairing,
  type SwapSet,
  type SwapSuggestion,
} from './suggest-swaps.js';
export { neighbouringRegions, REGION_NEIGHBOURS, sameOrNeighbouring } from './region-adjacency.js';
export { withDefaultBeneficiaries, type OpenStandAside } from './default-beneficiary.js';
export {
  escapeXml,
  HemicycleError,
  hemicycleLayout,
  MAX_HEMICYCLE_SEATS,
  renderHemicycle,
  UNKNOWN_COLOUR,
  type HemicycleChart,
  type HemicycleInput,
  type HemicycleLayout,
  type SeatPosition,
} from './hemicycle.js';
