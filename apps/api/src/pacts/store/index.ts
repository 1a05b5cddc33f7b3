// The pact store: every SQL statement about pacts, behind one import.
export { insertPact, loadParticipants, loadPact, loadPacts, savePactChanges } from './pact-rows.js';
export {
  certificateRow,
  duePacts,
  listPage,
  loadCoordinatorSlots,
  loadExtras,
  revisionPage,
  revisionRow,
  slotKey,
  type CertificateRow,
  type CoordinatorSlots,
  type RevisionRow,
  type SummaryRow,
  type ViewExtras,
} from './pact-reads.js';
export { lockSeatsAndLoadOtherPacts } from './seats.js';
export { VISIBLE, pactIsVisible, visibilityParams, visibleVersion } from './visibility.js';
export { LIST_KEYS_RULE, backfillListKeys } from './list-keys-backfill.js';
