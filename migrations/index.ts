import { CreateFoundationSchema1763800000000 } from './1763800000000-CreateFoundationSchema.js';
import { CreatePactsAndAuditTrail1763800100000 } from './1763800100000-CreatePactsAndAuditTrail.js';
import { CreatePactListKeys1763800200000 } from './1763800200000-CreatePactListKeys.js';
import { CreateAuditLogAndCertificates1764500000000 } from './1764500000000-CreateAuditLogAndCertificates.js';
import { IndexStandAsidesForConflicts1764500100000 } from './1764500100000-IndexStandAsidesForConflicts.js';
import { CreateAccountAuditTrail1764600000000 } from './1764600000000-CreateAccountAuditTrail.js';
import { NotifyAccountChanges1764600100000 } from './1764600100000-NotifyAccountChanges.js';
import { ExactListKeys1764600200000 } from './1764600200000-ExactListKeys.js';
import { SearchableConstituencyNames1764600300000 } from './1764600300000-SearchableConstituencyNames.js';
import { CreateNotifications1764700000000 } from './1764700000000-CreateNotifications.js';
import { AccountsByInvitation1764700100000 } from './1764700100000-AccountsByInvitation.js';
import { CreateWebhooks1764700200000 } from './1764700200000-CreateWebhooks.js';
import { NotifyPactChanges1764700300000 } from './1764700300000-NotifyPactChanges.js';
import { CreateContests1764800000000 } from './1764800000000-CreateContests.js';
import { LocalPartiesAcrossBoundaries1764800100000 } from './1764800100000-LocalPartiesAcrossBoundaries.js';
import { CreateNominations1764800200000 } from './1764800200000-CreateNominations.js';
import { NationalGrants1764800300000 } from './1764800300000-NationalGrants.js';
import { CreateConsultations1764800400000 } from './1764800400000-CreateConsultations.js';
import { CreatePactComments1764800500000 } from './1764800500000-CreatePactComments.js';
import { CreateScenarios1764800600000 } from './1764800600000-CreateScenarios.js';
import { NotifyContestChanges1764800700000 } from './1764800700000-NotifyContestChanges.js';
import { IndexCandidateImportsByContest1764800800000 } from './1764800800000-IndexCandidateImportsByContest.js';

/** Every migration in order; listed explicitly because ESM builds cannot rely on glob loading. */
export const MIGRATIONS = [
  CreateFoundationSchema1763800000000,
  CreatePactsAndAuditTrail1763800100000,
  CreatePactListKeys1763800200000,
  CreateAuditLogAndCertificates1764500000000,
  IndexStandAsidesForConflicts1764500100000,
  CreateAccountAuditTrail1764600000000,
  NotifyAccountChanges1764600100000,
  ExactListKeys1764600200000,
  SearchableConstituencyNames1764600300000,
  CreateNotifications1764700000000,
  AccountsByInvitation1764700100000,
  CreateWebhooks1764700200000,
  NotifyPactChanges1764700300000,
  CreateContests1764800000000,
  LocalPartiesAcrossBoundaries1764800100000,
  CreateNominations1764800200000,
  NationalGrants1764800300000,
  CreateConsultations1764800400000,
  CreatePactComments1764800500000,
  CreateScenarios1764800600000,
  NotifyContestChanges1764800700000,
  IndexCandidateImportsByContest1764800800000,
];
