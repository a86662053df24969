export * from './lib/lockout';
export * from './lib/retry';
