import {
  type DynamicModule,
  Inject,
  Logger,
  Module,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ModuleRef } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { EnvironmentVariables } from '../config/environment';
import { dataSourceOptions } from './data-source-options';
import { type EmbeddedPostgres, startEmbeddedPostgres } from './embedded-postgres';
import { runMigrationsLocked, waitForMigratedSchema } from './migration-lock';

/** The embedded server a process started, if it started one. */
interface EmbeddedHolder {
  current?: EmbeddedPostgres;
}
const EMBEDDED_POSTGRES = Symbol('EMBEDDED_POSTGRES');

export interface DatabaseModuleOptions {
  applicationName: string;
  /**
   * The API's migrations, run at start-up under the migration lock when DB_MIGRATIONS_RUN is on.
   * Without them (the worker), start-up waits until the database has been migrated.
   */
  migrations?: DataSourceOptions['migrations'];
  /** Only the API may fall back to the embedded database; the worker needs a real server. */
  allowEmbedded: boolean;
}

/** TypeORM on PostgreSQL at DATABASE_URL, or on the embedded PGlite default when it is absent. */
@Module({})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(
    @Inject(EMBEDDED_POSTGRES) private readonly embedded: EmbeddedHolder,
    private readonly moduleRef: ModuleRef,
  ) {}

  static forRoot(options: DatabaseModuleOptions): DynamicModule {
    const embeddedHolder: EmbeddedHolder = {};
    // Read from the configuration in useFactory, used by dataSourceFactory right after it.
    let migrate = false;
    return {
      module: DatabaseModule,
      providers: [{ provide: EMBEDDED_POSTGRES, useValue: embeddedHolder }],
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [ConfigService],
          useFactory: async (config: ConfigService<EnvironmentVariables, true>) => {
            let url = config.get('DATABASE_URL', { infer: true });
            let poolSize = config.get('DB_POOL_SIZE', { infer: true });
            const external = Boolean(url);
            if (!url) {
              if (!options.allowEmbedded) throw new Error('DATABASE_URL is required');
              const dataDir = config.get('DATA_DIR', { infer: true });
              const embedded = await startEmbeddedPostgres(`${dataDir}/db`);
              embeddedHolder.current = embedded;
              // The child also exits when this process goes (IPC disconnect); this covers a clean exit.
              process.once('exit', () => void embedded.stop());
              new Logger('Database').log(
                `Using the embedded PostgreSQL (PGlite) under ${dataDir}/db`,
              );
              url = embedded.url;
              poolSize = 1;
            }
            // Migrations run after initialisation, under the migration lock (dataSourceFactory).
            migrate =
              Boolean(options.migrations) && config.get('DB_MIGRATIONS_RUN', { infer: true });
            return dataSourceOptions({
              url,
              poolSize,
              migrations: options.migrations,
              applicationName: options.applicationName,
              disableJit: external,
            });
          },
          dataSourceFactory: async (settings) => {
            if (!settings) throw new Error('no data source options');
            const dataSource = await new DataSource(settings).initialize();
            const logger = new Logger('Database');
            try {
              if (!options.migrations) await waitForMigratedSchema(dataSource, logger);
              else if (migrate) await runMigrationsLocked(dataSource, logger);
            } catch (error) {
              await dataSource.destroy();
              throw error;
            }
            return dataSource;
          },
        }),
      ],
    };
  }

  /**
   * On shutdown (SIGTERM), close the embedded database before this process exits: in a container
   * everything else is killed the moment the main process ends, which would leave PGlite
   * unclosed and its lock behind. TypeORM's connection goes first, whichever module's hook runs
   * first (TypeORM skips a data source that is already closed).
   */
  async onApplicationShutdown(): Promise<void> {
    const embedded = this.embedded.current;
    if (!embedded) return;
    this.embedded.current = undefined;
    const dataSource = this.moduleRef.get(DataSource, { strict: false });
    if (dataSource.isInitialized) await dataSource.destroy();
    await embedded.stop();
  }
}
