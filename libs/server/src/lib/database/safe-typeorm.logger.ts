import { Logger } from '@nestjs/common';
import type { Logger as TypeOrmLogger } from 'typeorm';

interface DriverError {
  code?: string;
  name?: string;
}

/**
 * TypeORM's own loggers print failed SQL with its parameters, and parameters are personal data
 * (D18). This one logs what an operator needs — the error code and the statement's first words —
 * and never a value.
 */
export class SafeTypeOrmLogger implements TypeOrmLogger {
  private readonly logger = new Logger('Database');

  logQuery(): void {
    // Queries are not logged at all.
  }

  logQueryError(error: string | Error, query: string, _parameters?: unknown[]): void {
    const e = error as DriverError;
    const code = typeof error === 'string' ? 'unknown' : (e.code ?? e.name ?? 'unknown');
    this.logger.error(`Query failed (${code}): ${statementHead(query)}`);
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn(`Slow query (${time} ms): ${statementHead(query)}`);
  }

  logSchemaBuild(message: string): void {
    this.logger.debug(message);
  }

  logMigration(message: string): void {
    this.logger.log(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    const text = typeof message === 'string' ? message : 'TypeORM message';
    if (level === 'warn') this.logger.warn(text);
    else this.logger.log(text);
  }
}

/** The statement kind and table, e.g. `INSERT INTO "reminders"`: enough to find it, no literals. */
export function statementHead(query: string): string {
  return query
    .replace(/\s+/g, ' ')
    .trim()
    .split(' ')
    .slice(0, 3)
    .join(' ')
    .replace(/'[^']*'?/g, "'…'");
}
