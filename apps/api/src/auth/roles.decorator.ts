import { SetMetadata } from '@nestjs/common';
import type { Role } from '@pactroom/accounts';

export const ROLES_KEY = 'pactroom:roles';

/** Only callers holding at least one grant of these roles may use the route (else 403). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);
