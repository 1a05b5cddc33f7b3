export { parseCsv, parseCsvRecords, CsvFormatError } from './csv.js';
export {
  ELECTIONS,
  PARTIES,
  REGIONS,
  isElectionCode,
  regionSlugOf,
  type BoundarySet,
  type ElectionCode,
  type ElectionInfo,
  type PartyInfo,
  type RegionInfo,
} from './catalogue.js';
export {
  parseElection,
  seatTotals,
  ElectionDataError,
  type Candidate,
  type ConstituencyResult,
  type ElectionResults,
} from './parse-election.js';
export {
  markFormerMps,
  parseShippedElection,
  seatsStandingDown,
  type Nominee,
} from './former-mps.js';
export { parseUniteToRemain, type UniteToRemainSeat } from './unite-to-remain.js';
export { searchKey } from './search-key.js';
