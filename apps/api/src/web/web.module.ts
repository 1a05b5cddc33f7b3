import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { CommentsModule } from '../comments/comments.module.js';
import { LocalPartiesModule } from '../local-parties/local-parties.module.js';
import { PactsModule } from '../pacts/pacts.module.js';
import { SuggestionsModule } from '../suggestions/suggestions.module.js';
import { ProjectionsModule } from '../projections/projections.module.js';
import { ReferenceModule } from '../reference/reference.module.js';
import { UsersModule } from '../users/users.module.js';
import { AccountPagesController } from './pages/account-pages.controller.js';
import { WebhooksModule } from '../webhooks/webhooks.module.js';
import { WebhooksPageController } from './pages/webhooks-page.controller.js';
import { AdminLocalPartyController } from './pages/admin-local-party.controller.js';
import { AdminRegistryController } from './pages/admin-registry.controller.js';
import { AdminController } from './pages/admin.controller.js';
import { ComplianceModule } from '../compliance/compliance.module.js';
import { ConsultationsModule } from '../consultations/consultations.module.js';
import { ConsultationPagesController } from './pages/consultation-pages.controller.js';
import { AdminScenariosController } from './pages/admin-scenarios.controller.js';
import { CalendarController } from './pages/calendar.controller.js';
import { DeskController } from './pages/desk.controller.js';
import { InboxController } from './pages/inbox.controller.js';
import { LiveController } from './pages/live.controller.js';
import { MailPagesController } from './pages/mail-pages.controller.js';
import { NotificationSettingsController } from './pages/notification-settings.controller.js';
import { PactActionsController } from './pages/pact-actions.controller.js';
import { PactCommentsController } from './pages/pact-comments.controller.js';
import { PactCommentsView } from './pages/pact-comments-view.js';
import { PactCounterController } from './pages/pact-counter.controller.js';
import { PactDraftController } from './pages/pact-draft.controller.js';
import { PactFormPages } from './pages/pact-form-pages.js';
import { PactPageRenderer } from './pages/pact-page-renderer.js';
import { PactPageController } from './pages/pact-page.controller.js';
import { QueueReviewController } from './pages/queue-review.controller.js';
import { SignInController } from './pages/sign-in.controller.js';
import { SuggestionsController } from './pages/suggestions.controller.js';
import { VerifyController } from './pages/verify.controller.js';
import { LiveStreams } from './live-streams.js';
import { PageSessionGuard, WebSessions } from './web-sessions.js';

/** The web pages: server-rendered, calling the same use-case services as the JSON API. */
@Module({
  imports: [
    AuditModule,
    AuthModule,
    CommentsModule,
    PactsModule,
    ReferenceModule,
    LocalPartiesModule,
    ProjectionsModule,
    SuggestionsModule,
    UsersModule,
    WebhooksModule,
    ComplianceModule,
    ConsultationsModule,
  ],
  controllers: [
    SignInController,
    DeskController,
    CalendarController,
    AdminScenariosController,
    PactPageController,
    PactActionsController,
    PactDraftController,
    PactCounterController,
    PactCommentsController,
    SuggestionsController,
    VerifyController,
    QueueReviewController,
    AdminController,
    AdminRegistryController,
    AdminLocalPartyController,
    LiveController,
    AccountPagesController,
    WebhooksPageController,
    InboxController,
    NotificationSettingsController,
    MailPagesController,
    ConsultationPagesController,
  ],
  providers: [
    WebSessions,
    PageSessionGuard,
    PactFormPages,
    PactPageRenderer,
    PactCommentsView,
    LiveStreams,
  ],
})
export class WebModule {}
