import type { DataSourceOptions } from 'typeorm';
import { ENTITIES } from '../entities';
import { SafeTypeOrmLogger } from './safe-typeorm.logger';
import { SnakeNamingStrategy } from './snake-naming.strategy';

export interface DatabaseSettings {
  url: string;
  poolSize: number;
  /**
   * Migration classes (the API owns them); omitted by the worker. They never run on
   * initialisation: callers run them under the migration lock (runMigrationsLocked).
   */
  migrations?: DataSourceOptions['migrations'];
  applicationName: string;
  /**
   * Turn PostgreSQL's JIT off for these connections. Samsyn's queries are short OLTP queries on
   * which JIT compilation costs more than it saves (measured: the caseload list doubled in
   * throughput). Not sent to the embedded database, which has no JIT.
   */
  disableJit?: boolean;
}

/** One definition of how Samsyn talks to PostgreSQL, for the API, the worker, the CLI and tests. */
export function dataSourceOptions(settings: DatabaseSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    entities: ENTITIES,
    migrations: settings.migrations ?? [],
    migrationsRun: false,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    namingStrategy: new SnakeNamingStrategy(),
    // gen_random_uuid() is built into PostgreSQL ≥ 13 (and PGlite): no extension to install.
    installExtensions: false,
    uuidExtension: 'pgcrypto',
    applicationName: settings.applicationName,
    // A connection the server or the network ended is never reused: node-postgres's pool drops
    // an idle one on its error event and a checked-out one when it is released no longer
    // queryable, so after a database restart the pool opens fresh connections by itself. TCP keep-alive finds
    // connections a vanished host left half-open; `connectionTimeoutMillis` bounds both a new
    // connection and the wait for a free one, after which the request answers 503.
    extra: {
      max: settings.poolSize,
      connectionTimeoutMillis: 10_000,
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
      ...(settings.disableJit ? { options: '-c jit=off' } : {}),
    },
    logging: ['error', 'warn', 'migration'],
    logger: new SafeTypeOrmLogger(),
    maxQueryExecutionTime: 2_000,
  };
}
