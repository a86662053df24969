import { Injectable, Logger } from '@nestjs/common';
import {
  DataSource,
  type EntityManager,
  type EntitySubscriberInterface,
  type QueryRunner,
  type TransactionCommitEvent,
  type TransactionRollbackEvent,
} from 'typeorm';

/**
 * Runs side effects (such as enqueueing a job) only once the caller's transaction has committed,
 * so nothing outside the database ever refers to work that was rolled back. Callbacks must not
 * throw and are not awaited: a slow or failing side effect never fails a committed write.
 */
@Injectable()
export class AfterCommit implements EntitySubscriberInterface {
  private readonly logger = new Logger(AfterCommit.name);
  private readonly pending = new WeakMap<QueryRunner, (() => void)[]>();

  constructor(dataSource: DataSource) {
    dataSource.subscribers.push(this);
  }

  /** Runs `fn` after the transaction of `em` commits, or at once when `em` is not in one. */
  run(em: EntityManager, fn: () => void): void {
    const runner = em.queryRunner;
    if (!runner?.isTransactionActive) {
      this.call(fn);
      return;
    }
    const list = this.pending.get(runner) ?? [];
    list.push(fn);
    this.pending.set(runner, list);
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    // Still active: a savepoint was released inside an outer transaction that may yet roll back.
    if (event.queryRunner.isTransactionActive) return;
    const list = this.pending.get(event.queryRunner) ?? [];
    this.pending.delete(event.queryRunner);
    list.forEach((fn) => this.call(fn));
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    // A rolled-back savepoint keeps the outer transaction's callbacks; a side effect of work that
    // was rolled back with it is then harmless (delivery checks the row, which does not exist).
    if (event.queryRunner.isTransactionActive) return;
    this.pending.delete(event.queryRunner);
  }

  private call(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.logger.error(
        { error: err instanceof Error ? err.name : 'non-error' },
        'After-commit callback failed',
      );
    }
  }
}
