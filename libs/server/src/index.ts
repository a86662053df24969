export * from './lib/config/environment';
export * from './lib/database/data-source-options';
export * from './lib/database/database.module';
export * from './lib/database/embedded-postgres';
export * from './lib/database/snake-naming.strategy';
export * from './lib/entities';
export * from './lib/reminders/queues';
