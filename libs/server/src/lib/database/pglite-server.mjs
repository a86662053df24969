// Serves an embedded PostgreSQL (PGlite, WASM) on a loopback port, for the zero-install default.
// Runs as a child process of the API (forked with an IPC channel) so PGlite stays out of the
// API's module system and event loop. Usage: node pglite-server.mjs <dataDir> [port]
// Tells the parent {type:'ready', port} once it accepts connections; exits when the parent goes.
import { mkdirSync, writeFileSync, rmSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

const [dataDir, portArg] = process.argv.slice(2);
if (!dataDir) {
  console.error('usage: pglite-server.mjs <dataDir> [port]');
  process.exit(2);
}
mkdirSync(dataDir, { recursive: true });

// Two processes on one data folder would corrupt it: refuse if a live process holds the lock.
const lockFile = join(dataDir, 'samsyn.lock');
try {
  const holder = Number(readFileSync(lockFile, 'utf8'));
  if (holder && holder !== process.pid) {
    process.kill(holder, 0); // throws when no such process
    console.error(`pglite-server: data folder ${dataDir} is in use by process ${holder}`);
    process.exit(3);
  }
} catch {
  // no lock, or a stale one
}
writeFileSync(lockFile, String(process.pid));

const db = await PGlite.create(join(dataDir, 'pgdata'));
const server = new PGLiteSocketServer({
  db,
  host: '127.0.0.1',
  port: Number(portArg ?? 0),
  maxConnections: 1,
});
await server.start();
const conn = server.getServerConn();
const port = Number(conn.slice(conn.lastIndexOf(':') + 1));

let stopping = false;
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  try {
    await server.stop();
    await db.close();
  } finally {
    rmSync(lockFile, { force: true });
    process.exit(code);
  }
}
process.on('disconnect', () => void stop());
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
if (process.send) process.send({ type: 'ready', port });
else console.log(JSON.stringify({ type: 'ready', port }));
