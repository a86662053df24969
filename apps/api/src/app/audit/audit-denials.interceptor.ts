import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  Logger,
  type NestInterceptor,
} from '@nestjs/common';
import type { Request } from 'express';
import { catchError, from, mergeMap, type Observable, throwError } from 'rxjs';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { ApiException } from '../common/problem-details';
import { AuditService } from './audit.service';
import type { AuditRecord } from './audit.types';

/** A refusal that must be audited (D19): the interceptor records it once the handler is done. */
export class AuditedDenial extends ApiException {
  constructor(
    base: ApiException,
    readonly audit: AuditRecord,
  ) {
    super(base.getStatus(), base.code, base.message, base.extra);
  }
}

/**
 * Records refused accesses after the handler's transaction has rolled back, so the audit append
 * never waits for a connection its own request still holds (the embedded database has one) and
 * the refusal is not lost with the rollback.
 */
@Injectable()
export class AuditDenialsInterceptor implements NestInterceptor {
  private readonly logger = new Logger(AuditDenialsInterceptor.name);

  constructor(private readonly audit: AuditService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((err: unknown) => {
        const user = context
          .switchToHttp()
          .getRequest<Request & { user?: AuthenticatedUser }>().user;
        if (!(err instanceof AuditedDenial) || !user) return throwError(() => err);
        return from(
          this.audit.record(user, err.audit).catch((auditError: unknown) => {
            // The refusal stands either way; a failing audit append is an operational alarm.
            this.logger.error(
              `could not audit a refusal: ${auditError instanceof Error ? auditError.name : 'error'}`,
            );
          }),
        ).pipe(mergeMap(() => throwError(() => err)));
      }),
    );
  }
}
