// Deadline arithmetic must not depend on the machine's zone: every test runs in UTC.
process.env.TZ = 'UTC';
// Decorators (class-validator, TypeORM, Nest) read emitted metadata, as in the apps' main.ts.
require('reflect-metadata');
