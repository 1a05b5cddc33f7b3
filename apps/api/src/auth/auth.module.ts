import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module.js';
import { AccountPasswordsController } from './account-passwords.controller.js';
import { AccountPasswordsService } from './account-passwords.service.js';
import { AuthController, MeController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { JwtStrategy } from './jwt.strategy.js';
import { LocalStrategy } from './local.strategy.js';
import { LoginAdmission } from './login-admission.js';
import { LoginThrottleService } from './login-throttle.service.js';
import { PrincipalCache } from './principal.cache.js';
import { PrincipalLoader } from './principal.loader.js';
import { RefreshTokenService } from './refresh-token.service.js';
import { TokenService } from './token.service.js';

@Module({
  imports: [UsersModule],
  controllers: [AuthController, MeController, AccountPasswordsController],
  providers: [
    AccountPasswordsService,
    AuthService,
    JwtStrategy,
    LocalStrategy,
    LoginAdmission,
    LoginThrottleService,
    PrincipalLoader,
    PrincipalCache,
    RefreshTokenService,
    TokenService,
  ],
  exports: [AuthService, AccountPasswordsService, PrincipalCache],
})
export class AuthModule {}
