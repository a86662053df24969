import { Global, Module } from '@nestjs/common';
import { AuditService } from './audit.service';

/** The audit log (D19): every feature records through `AuditService`. */
@Global()
@Module({
  providers: [AuditService],
  exports: [AuditService],
})
export class AuditModule {}
