export * from './lib/processes';
export * from './lib/demo-users';
