#!/usr/bin/env node
// `npm start`: builds what is needed and runs Samsyn under one URL.
// Without DATABASE_URL it uses the embedded PostgreSQL (PGlite) under .data/, without REDIS_URL
// the API dispatches reminders itself, and DEMO_MODE defaults to true: nothing to install.
// With DATABASE_URL and REDIS_URL it also starts the BullMQ worker.
import { spawn, spawnSync } from 'node:child_process';

const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' };
env.DEMO_MODE ??= 'true';
const withWorker = Boolean(env.DATABASE_URL && env.REDIS_URL);
const projects = ['api', 'client', ...(withWorker ? ['worker'] : [])];

console.log(`Building ${projects.join(', ')} …`);
const build = spawnSync(
  'npx',
  ['nx', 'run-many', '-t', 'build', '-p', ...projects, '--output-style=static'],
  {
    stdio: 'inherit',
    env,
  },
);
if (build.status !== 0) process.exit(build.status ?? 1);

const children = [];
function run(name, script) {
  const child = spawn(process.execPath, ['--enable-source-maps', script], {
    stdio: 'inherit',
    env,
  });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`${name} stopped (${signal ?? code}); stopping Samsyn.`);
      stop(code ?? 1);
    }
  });
  children.push(child);
}

let stopping = false;
function stop(code = 0) {
  stopping = true;
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  setTimeout(() => process.exit(code), 500).unref();
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

run('API', 'dist/apps/api/main.js');
if (withWorker) run('Worker', 'dist/apps/worker/main.js');
