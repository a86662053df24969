export * from './lib/access-policy';
export * from './lib/calendar';
export * from './lib/lockout';
export * from './lib/programmes';
export * from './lib/retry';
export * from './lib/reminder-schedule';
