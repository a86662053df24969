// Webpack settings shared by the Node apps (api, worker): one bundle per app in dist/apps/<name>,
// compiled by tsc so that NestJS gets its decorator metadata, with source maps.
const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('node:path');

/** @param {string} name the app folder under apps/ @param {object} extra NxAppWebpackPlugin options */
module.exports = function nodeAppConfig(name, extra = {}) {
  return {
    output: { path: join(__dirname, '../../dist/apps', name), clean: true },
    devtool: 'source-map',
    plugins: [
      new NxAppWebpackPlugin({
        target: 'node',
        compiler: 'tsc',
        main: './src/main.ts',
        tsConfig: './tsconfig.app.json',
        optimization: false,
        outputHashing: 'none',
        generatePackageJson: false,
        sourceMap: true,
        ...extra,
      }),
    ],
  };
};
