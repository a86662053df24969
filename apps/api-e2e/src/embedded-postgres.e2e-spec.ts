import { dataSourceOptions, type EmbeddedPostgres, startEmbeddedPostgres } from '@samsyn/server';
import { DataSource } from 'typeorm';
import { tempDir } from '@samsyn/testing';

/**
 * The embedded default (PGlite behind pglite-socket, one pooled connection) must keep
 * transactions apart: rolled-back work disappears, committed work stays and persists.
 */
describe('embedded PostgreSQL default', () => {
  const dir = tempDir('samsyn-pglite-');
  let pg: EmbeddedPostgres;
  let ds: DataSource;

  const open = async () => {
    pg = await startEmbeddedPostgres(dir);
    ds = new DataSource(
      dataSourceOptions({ url: pg.url, poolSize: 1, applicationName: 'embedded-test' }),
    );
    await ds.initialize();
  };
  const close = async () => {
    await ds.destroy();
    await pg.stop();
  };

  beforeAll(open, 60_000);
  afterAll(close);

  it('keeps exactly the committed rows of 200 concurrent transactions, half rolled back', async () => {
    await ds.query('CREATE TABLE tx_probe (id serial PRIMARY KEY, n int NOT NULL)');
    const results = await Promise.allSettled(
      Array.from({ length: 200 }, (_, n) =>
        ds.transaction(async (em) => {
          await em.query('INSERT INTO tx_probe (n) VALUES ($1)', [n]);
          await new Promise((r) => setTimeout(r, n % 3));
          await em.query('INSERT INTO tx_probe (n) VALUES ($1)', [n + 1000]);
          if (n % 2 === 1) throw new Error('roll back');
        }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(100);
    const [{ rows, odd }] = await ds.query<{ rows: string; odd: string }[]>(
      'SELECT count(*)::text AS rows, count(*) FILTER (WHERE n % 2 = 1)::text AS odd FROM tx_probe',
    );
    expect(Number(rows)).toBe(200); // two rows per committed transaction
    expect(Number(odd)).toBe(0); // nothing of the rolled-back ones
  }, 60_000);

  it('persists data in its folder between runs', async () => {
    await close();
    await open();
    const [{ n }] = await ds.query<{ n: string }[]>('SELECT count(*)::text AS n FROM tx_probe');
    expect(Number(n)).toBe(200);
  }, 60_000);

  it('refuses a second server on the same data folder', async () => {
    await expect(startEmbeddedPostgres(dir, 20_000)).rejects.toThrow(/exited|in use/);
  }, 30_000);
});
