export { DEFAULT_RULES, STANCES, checkRules, isStance, type Rules, type Stance } from './rules.js';
export {
  MAX_REASON_LENGTH,
  checkStance,
  latestStances,
  stanceHistory,
  type StanceCheck,
  type StanceRecord,
} from './stances.js';
export { outcomeOf, tally, type Outcome, type Tally } from './outcome.js';
export { publishResult, type PublishedResult } from './publish.js';
