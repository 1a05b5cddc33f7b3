import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { PactsModule } from '../pacts/pacts.module.js';
import { DeskController } from './pages/desk.controller.js';
import { PactActionsController } from './pages/pact-actions.controller.js';
import { PactPageController } from './pages/pact-page.controller.js';
import { PactPageRenderer } from './pages/pact-page-renderer.js';
import { SignInController } from './pages/sign-in.controller.js';
import { PageSessionGuard, WebSessions } from './web-sessions.js';

/** The web pages: server-rendered, calling the same use-case services as the JSON API. */
@Module({
  imports: [AuthModule, PactsModule],
  controllers: [SignInController, DeskController, PactPageController, PactActionsController],
  providers: [WebSessions, PageSessionGuard, PactPageRenderer],
})
export class WebModule {}
