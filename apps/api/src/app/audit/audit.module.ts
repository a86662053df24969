import {
  Global,
  type MiddlewareConsumer,
  Module,
  type NestModule,
  RequestMethod,
} from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AuditDenialsInterceptor } from './audit-denials.interceptor';
import { AuditExtractService } from './audit-extract.service';
import { AuditReviewService } from './audit-review.service';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';
import { RequestContextMiddleware } from './request-context';

/** The audit log (D19): every feature records through `AuditService`; auditors review it here. */
@Global()
@Module({
  controllers: [AuditController],
  providers: [
    AuditService,
    AuditReviewService,
    AuditExtractService,
    { provide: APP_INTERCEPTOR, useClass: AuditDenialsInterceptor },
  ],
  exports: [AuditService],
})
export class AuditModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    // `{/*splat}` (no leading slash) also matches the global prefix's root, and path-to-regexp
    // v8 no longer accepts a bare `*`; the same route nestjs-pino registers its middleware for.
    consumer
      .apply(RequestContextMiddleware)
      .forRoutes({ path: '{/*splat}', method: RequestMethod.ALL });
  }
}
