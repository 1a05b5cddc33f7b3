import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { PactsModule } from '../pacts/pacts.module.js';
import { DeskController } from './pages/desk.controller.js';
import { SignInController } from './pages/sign-in.controller.js';
import { VerifyController } from './pages/verify.controller.js';
import { PageSessionGuard, WebSessions } from './web-sessions.js';

/** The web pages: server-rendered, calling the same use-case services as the JSON API. */
@Module({
  imports: [AuditModule, AuthModule, PactsModule],
  controllers: [SignInController, DeskController, VerifyController],
  providers: [WebSessions, PageSessionGuard],
})
export class WebModule {}
