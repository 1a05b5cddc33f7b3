import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { LocalPartiesModule } from '../local-parties/local-parties.module.js';
import { PactsModule } from '../pacts/pacts.module.js';
import { ReferenceModule } from '../reference/reference.module.js';
import { UsersModule } from '../users/users.module.js';
import { AdminRegistryController } from './pages/admin-registry.controller.js';
import { AdminController } from './pages/admin.controller.js';
import { DeskController } from './pages/desk.controller.js';
import { QueueReviewController } from './pages/queue-review.controller.js';
import { SignInController } from './pages/sign-in.controller.js';
import { PageSessionGuard, WebSessions } from './web-sessions.js';

/** The web pages: server-rendered, calling the same use-case services as the JSON API. */
@Module({
  imports: [AuthModule, PactsModule, UsersModule, LocalPartiesModule, ReferenceModule],
  controllers: [
    SignInController,
    DeskController,
    QueueReviewController,
    AdminController,
    AdminRegistryController,
  ],
  providers: [WebSessions, PageSessionGuard],
})
export class WebModule {}
