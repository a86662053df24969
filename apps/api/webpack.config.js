const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('node:path');

module.exports = {
  output: { path: join(__dirname, '../../dist/apps/api'), clean: true },
  devtool: 'source-map',
  plugins: [
    new NxAppWebpackPlugin({
      target: 'node',
      compiler: 'tsc',
      main: './src/main.ts',
      tsConfig: './tsconfig.app.json',
      // The embedded PostgreSQL runs as a child process from this script (see embedded-postgres.ts).
      assets: [{ input: 'libs/server/src/lib/database', glob: 'pglite-server.mjs', output: '.' }],
      optimization: false,
      outputHashing: 'none',
      generatePackageJson: false,
      sourceMap: true,
      // Generates OpenAPI schemas from the class-validator DTOs in libs/common.
      transformers: [
        {
          name: '@nestjs/swagger/plugin',
          options: { classValidatorShim: true, introspectComments: true },
        },
      ],
    }),
  ],
};
