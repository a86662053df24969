export * from './lib/processes';
export * from './lib/demo-users';
export * from './lib/oidc-provider';
export * from './lib/pdf';
