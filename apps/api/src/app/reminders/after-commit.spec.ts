import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { AfterCommit } from './after-commit';

/** A stand-in for TypeORM's query runner: only the transaction flag matters here. */
function fakeTransaction() {
  const state = { isTransactionActive: true };
  const runner = state as QueryRunner;
  const em = { queryRunner: runner } as EntityManager;
  return { runner, em, end: () => (state.isTransactionActive = false) };
}

describe('AfterCommit', () => {
  const setup = () => {
    const dataSource = { subscribers: [] as unknown[] } as unknown as DataSource;
    return { hooks: new AfterCommit(dataSource), dataSource };
  };

  it('registers itself as a subscriber of the data source', () => {
    const { hooks, dataSource } = setup();
    expect(dataSource.subscribers).toContain(hooks);
  });

  it('runs callbacks once the transaction commits, in order, and only once', () => {
    const { hooks } = setup();
    const { runner, em, end } = fakeTransaction();
    const calls: string[] = [];
    hooks.run(em, () => calls.push('a'));
    hooks.run(em, () => calls.push('b'));
    expect(calls).toEqual([]);
    end();
    hooks.afterTransactionCommit({ queryRunner: runner } as never);
    hooks.afterTransactionCommit({ queryRunner: runner } as never);
    expect(calls).toEqual(['a', 'b']);
  });

  it('drops callbacks when the transaction rolls back', () => {
    const { hooks } = setup();
    const { runner, em, end } = fakeTransaction();
    const fn = jest.fn();
    hooks.run(em, fn);
    end();
    hooks.afterTransactionRollback({ queryRunner: runner } as never);
    hooks.afterTransactionCommit({ queryRunner: runner } as never);
    expect(fn).not.toHaveBeenCalled();
  });

  it('waits for the outer transaction when a savepoint is released', () => {
    const { hooks } = setup();
    const { runner, em, end } = fakeTransaction();
    const fn = jest.fn();
    hooks.run(em, fn);
    hooks.afterTransactionCommit({ queryRunner: runner } as never); // still active: a savepoint
    expect(fn).not.toHaveBeenCalled();
    end();
    hooks.afterTransactionCommit({ queryRunner: runner } as never);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('keeps transactions apart', () => {
    const { hooks } = setup();
    const one = fakeTransaction();
    const two = fakeTransaction();
    const first = jest.fn();
    const second = jest.fn();
    hooks.run(one.em, first);
    hooks.run(two.em, second);
    one.end();
    hooks.afterTransactionCommit({ queryRunner: one.runner } as never);
    expect(first).toHaveBeenCalled();
    expect(second).not.toHaveBeenCalled();
  });

  it('runs at once outside a transaction', () => {
    const { hooks } = setup();
    const fn = jest.fn();
    hooks.run({ queryRunner: undefined } as EntityManager, fn);
    expect(fn).toHaveBeenCalledTimes(1);
  });
});
