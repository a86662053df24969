import 'reflect-metadata';
import { dataSourceOptions } from '@samsyn/server';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from './migrations';

/** The data source of the TypeORM CLI (migration:generate|run|revert). Needs DATABASE_URL. */
export default new DataSource(
  dataSourceOptions({
    url: process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/samsyn',
    poolSize: 1,
    migrations: MIGRATIONS,
    applicationName: 'samsyn-cli',
  }),
);
