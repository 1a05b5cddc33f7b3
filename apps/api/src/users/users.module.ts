import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { PasswordHasher } from '../auth/password-hasher.js';
import { PasswordPolicy } from '../auth/password-policy.service.js';
import { AccountAccessService } from './account-access.service.js';
import { UsersController } from './users.controller.js';
import { UsersService } from './users.service.js';

@Module({
  imports: [AuditModule],
  controllers: [UsersController],
  providers: [UsersService, AccountAccessService, PasswordHasher, PasswordPolicy],
  exports: [UsersService, AccountAccessService, PasswordHasher, PasswordPolicy],
})
export class UsersModule {}
