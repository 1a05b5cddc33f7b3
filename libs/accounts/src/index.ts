export {
  ROLES,
  normaliseGrants,
  distinctGrants,
  type Grant,
  type GrantProblem,
  type GrantRequest,
  type LocalPartyScope,
  type Role,
} from './grants.js';
export {
  canManageAccount,
  checkGrantAssignment,
  isAdmin,
  managingCapacity,
  type GrantRefusal,
  type ManagingCapacity,
} from './user-management.js';
export { InFlightLimit } from './in-flight-limit.js';
export {
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  checkNewPassword,
  isBreachedPassword,
  parseBreachedList,
  type PasswordProblem,
} from './password-policy.js';
