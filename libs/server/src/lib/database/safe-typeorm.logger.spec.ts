import { Logger } from '@nestjs/common';
import { SafeTypeOrmLogger, statementHead } from './safe-typeorm.logger';

describe('SafeTypeOrmLogger', () => {
  it('logs a failed query with its code and first words, never its parameters', () => {
    const spy = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const err = Object.assign(
      new Error('duplicate key value violates unique constraint (19121212-1212)'),
      { code: '23505' },
    );
    new SafeTypeOrmLogger().logQueryError(
      err,
      'INSERT INTO "persons" ("personal_number") VALUES ($1)',
      ['19121212-1212'],
    );
    expect(spy).toHaveBeenCalledWith('Query failed (23505): INSERT INTO "persons"');
    expect(JSON.stringify(spy.mock.calls)).not.toContain('19121212');
    spy.mockRestore();
  });

  it('cuts literals out of the statement head', () => {
    expect(statementHead("SELECT '19121212-1212' AS x")).toBe("SELECT '…' AS");
  });
});
