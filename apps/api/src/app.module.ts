import { type DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from './auth/auth.module.js';
import { JwtAuthGuard, RolesGuard } from './auth/auth.guards.js';
import { HttpExceptionFilter } from './common/http-exception.filter.js';
import { createValidationPipe } from './common/validation.js';
import { APP_CONFIG, type ResolvedConfig } from './config/app-config.js';
import { dataSourceOptions } from './database/data-source-options.js';
import { HealthController } from './health/health.controller.js';
import { HealthService } from './health/health.service.js';
import { ComplianceModule } from './compliance/compliance.module.js';
import { CommentsModule } from './comments/comments.module.js';
import { ConsultationsModule } from './consultations/consultations.module.js';
import { ContestsModule } from './contests/contests.module.js';
import { ScenariosModule } from './scenarios/scenarios.module.js';
import { LocalPartiesModule } from './local-parties/local-parties.module.js';
import { RetentionService } from './maintenance/retention.service.js';
import { ChangeFeedModule } from './database/change-feed.js';
import { NotificationsModule } from './notifications/notifications.module.js';
import { PactsModule } from './pacts/pacts.module.js';
import { ProjectionsModule } from './projections/projections.module.js';
import { SuggestionsModule } from './suggestions/suggestions.module.js';
import { ReferenceModule } from './reference/reference.module.js';
import { UsersModule } from './users/users.module.js';
import { WebhooksModule } from './webhooks/webhooks.module.js';
import { WebModule } from './web/web.module.js';

/**
 * The root module, built from a config already validated and resolved by the start script (or a
 * test), so nothing below reads `process.env`.
 */
@Module({})
export class AppModule {
  static register(config: ResolvedConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({
          isGlobal: true,
          ignoreEnvFile: true,
          load: [() => ({ pactroom: config })],
        }),
        TypeOrmModule.forRoot(dataSourceOptions(config.database)),
        ChangeFeedModule,
        NotificationsModule,
        PassportModule,
        AuthModule,
        UsersModule,
        ReferenceModule,
        ContestsModule,
        ScenariosModule,
        ComplianceModule,
        ConsultationsModule,
        CommentsModule,
        LocalPartiesModule,
        PactsModule,
        ProjectionsModule,
        SuggestionsModule,
        WebhooksModule,
        WebModule,
      ],
      controllers: [HealthController],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: HttpExceptionFilter },
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_GUARD, useClass: RolesGuard },
        RetentionService,
        HealthService,
      ],
      exports: [APP_CONFIG],
      global: true,
    };
  }
}
