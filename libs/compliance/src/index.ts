export {
  parseCandidates,
  MAX_CANDIDATE_CSV_BYTES,
  MAX_CANDIDATE_ROWS,
  type NominatedCandidate,
  type ParseCandidatesOptions,
  type ParsedCandidates,
} from './parse-candidates.js';
export { type CandidateLayout } from './layouts.js';
export { type ConstituencyRef } from './constituency-codes.js';
export { MAX_REPORTED_PROBLEMS, type ImportProblem } from './problems.js';
export {
  DEMOCRACY_CLUB_PARTY_IDS,
  isPartyCode,
  mapDemocracyClubParty,
  normalisePartyId,
  partyCodeForName,
  type PartyMapping,
} from './party-ids.js';
export {
  checkCompliance,
  partyFamily,
  type ComplianceOptions,
  type ComplianceReport,
  type ComplianceStatus,
  type ComplianceSummary,
  type StandAsideCompliance,
  type StandAsideToCheck,
} from './check-compliance.js';
