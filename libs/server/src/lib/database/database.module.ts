import { type DynamicModule, Logger, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { DataSourceOptions } from 'typeorm';
import type { EnvironmentVariables } from '../config/environment';
import { dataSourceOptions } from './data-source-options';
import { startEmbeddedPostgres } from './embedded-postgres';

export interface DatabaseModuleOptions {
  applicationName: string;
  migrations?: DataSourceOptions['migrations'];
  /** Only the API may fall back to the embedded database; the worker needs a real server. */
  allowEmbedded: boolean;
}

/** TypeORM on PostgreSQL at DATABASE_URL, or on the embedded PGlite default when it is absent. */
@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseModuleOptions): DynamicModule {
    return {
      module: DatabaseModule,
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
              // The child also exits when this process goes (IPC disconnect); this covers a clean exit.
              process.once('exit', () => void embedded.stop());
              new Logger('Database').log(
                `Using the embedded PostgreSQL (PGlite) under ${dataDir}/db`,
              );
              url = embedded.url;
              poolSize = 1;
            }
            return dataSourceOptions({
              url,
              poolSize,
              migrations: options.migrations,
              migrationsRun: options.migrations
                ? config.get('DB_MIGRATIONS_RUN', { infer: true })
                : false,
              applicationName: options.applicationName,
              disableJit: external,
            });
          },
        }),
      ],
    };
  }
}
