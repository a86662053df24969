import { dataSourceOptions } from '@samsyn/server';
import { DataSource } from 'typeorm';
import { e2eContext } from './support/env';

describe('entities and migrations', () => {
  it('do not drift: on the migrated database, generating a migration would produce nothing', async () => {
    const ds = new DataSource(
      dataSourceOptions({
        url: e2eContext().databaseUrl,
        poolSize: 1,
        applicationName: 'drift-check',
      }),
    );
    await ds.initialize();
    try {
      const pending = await ds.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
    } finally {
      await ds.destroy();
    }
  });
});
