import { QueryFailedError, QueryRunnerAlreadyReleasedError, TypeORMError } from 'typeorm';
import { isDatabaseUnavailable, unavailableSummary } from './database-unavailable';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });
const wrapped = (driverError: Error) => new QueryFailedError('SELECT …', [], driverError);

describe('isDatabaseUnavailable', () => {
  it.each([
    ['a refused connection', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['a reset connection', withCode('read ECONNRESET', 'ECONNRESET')],
    ['a host that is not found', withCode('getaddrinfo ENOTFOUND db', 'ENOTFOUND')],
    ['a connection ended under a query', wrapped(new Error('Connection terminated unexpectedly'))],
    ['a connection ended while idle', new Error('Connection terminated unexpectedly')],
    ['a connect timeout', new Error('Connection terminated due to connection timeout')],
    ['a pool that hands out nothing in time', new Error('timeout exceeded when trying to connect')],
    [
      'a client that is no longer usable',
      new Error('Client has encountered a connection error and is not queryable'),
    ],
    [
      'an administrator shutdown (57P01)',
      wrapped(withCode('terminating connection due to administrator command', '57P01')),
    ],
    ['a crash shutdown (57P02)', wrapped(withCode('terminating connection', '57P02'))],
    ['a server starting up (57P03)', withCode('the database system is starting up', '57P03')],
    ['a connection exception (08006)', wrapped(withCode('connection failure', '08006'))],
    ['a connection that does not exist (08003)', withCode('no connection', '08003')],
    ['too many connections (53300)', withCode('sorry, too many clients already', '53300')],
    ['TypeORM without a pool', new TypeORMError('Driver not Connected')],
    ['a query runner released by its failed connection', new QueryRunnerAlreadyReleasedError()],
    [
      'every address of a host refusing',
      Object.assign(new AggregateError([withCode('connect ECONNREFUSED ::1', 'ECONNREFUSED')]), {
        code: 'ECONNREFUSED',
      }),
    ],
    ['a cause', new Error('could not load', { cause: withCode('read ECONNRESET', 'ECONNRESET') })],
  ])('recognises %s', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation', wrapped(withCode('duplicate key value', '23505'))],
    ['a syntax error', wrapped(withCode('syntax error at or near', '42601'))],
    ['a serialization failure', wrapped(withCode('could not serialize access', '40001'))],
    ['a plain error', new Error('boom')],
    ['a string', 'ECONNREFUSED'],
    ['nothing', undefined],
  ])('does not take %s for an unavailable database', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });

  it('stops on an error that is its own cause', () => {
    const loop: Error & { cause?: unknown } = new Error('loop');
    loop.cause = loop;
    expect(isDatabaseUnavailable(loop)).toBe(false);
  });
});

describe('unavailableSummary', () => {
  it('keeps the name and the code, never the message', () => {
    const summary = unavailableSummary(
      wrapped(withCode('terminating connection for 19121212-1212 at 10.0.0.5', '57P01')),
    );
    expect(summary).toEqual({ name: 'QueryFailedError', code: '57P01' });
  });
});
