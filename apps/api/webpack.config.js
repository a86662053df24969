module.exports = require('../../tools/webpack/node-app')('api', {
  // The embedded PostgreSQL runs as a child process from this script (see embedded-postgres.ts).
  assets: [{ input: 'libs/server/src/lib/database', glob: 'pglite-server.mjs', output: '.' }],
  // Generates OpenAPI schemas from the class-validator DTOs in libs/common.
  transformers: [
    {
      name: '@nestjs/swagger/plugin',
      options: { classValidatorShim: true, introspectComments: true },
    },
  ],
});
