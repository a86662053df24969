#!/usr/bin/env node
// Replays docker/Dockerfile without a Docker engine, then starts the image it describes.
//
//   node tools/replay-image.mjs [--no-services] [--keep]
//
// It reads the Dockerfile and its ignore file, so it cannot drift from them silently: an
// instruction or option it does not know stops it. Every stage gets its own folder under
// /tmp/samsyn-replay-*; its RUN lines, the HEALTHCHECK and the ENTRYPOINT run verbatim in a chroot
// made of that stage's files (/app, /root, /usr/local) over this machine's Debian (/usr and /etc,
// read-only), in a private mount namespace. The base image `node:<major>-bookworm-slim` becomes
// the Node.js that CI pins (.ci/node.sh) in /usr/local, with npm beside it, and a `node` user
// (uid 1000). Build tools the slim image lacks (compilers, make, python3, git, curl, wget) are
// hidden, so a native addon that would have to be compiled fails here as it would there.
//
// Then, as the image's `node` user: `samsyn-entrypoint node --version`; `samsyn-entrypoint api`
// on the embedded database with demo data (HEALTHCHECK, /api/health, the client, a sign-in, a
// clean stop on SIGTERM); and, if PostgreSQL and Redis answer on loopback (`--no-services` skips
// it), `api` and `worker` on a fresh database and queue prefix, with a test reminder delivered
// by the worker. There is no network namespace, so the processes get HOST=127.0.0.1 and a free
// PORT, as `docker run -e HOST=127.0.0.1 -e PORT=…` would.
//
// Needs: Linux x64, root (mount namespaces, chroot: util-linux `unshare`), the npm registry.
// Exits 0 only if every step passed. Differences from a real build: the base OS is this
// machine's Debian (with more packages than the slim image; the script checks it is bookworm),
// npm is the machine's npm rather than the one bundled with the image's Node, the npm cache
// mount is the machine's npm cache, and the RUN lines get the machine's proxy and CA variables
// (NODE_EXTRA_CA_CERTS and the like) as a builder behind such a proxy would pass them in.
// See docs/operations.md#nodejs.
import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  cpSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, posix, relative, resolve } from 'node:path';

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '..');
const DOCKERFILE = join(ROOT, 'docker/Dockerfile');
const IGNOREFILE = `${DOCKERFILE}.dockerignore`;
const args = new Set(process.argv.slice(2));
for (const a of args)
  if (!['--no-services', '--keep'].includes(a)) fail(`unknown option ${a} (see the header)`);

// The base image's facts: node:<major>-bookworm-slim puts Node in /usr/local and has a `node` user.
const BASE_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const NODE_UID = 1000;
const NODE_GID = 1000;
// Not in node:*-bookworm-slim: hidden from RUN lines so that nothing silently relies on them.
const ABSENT_TOOLS = [
  'cc',
  'c++',
  'gcc',
  'g++',
  'make',
  'python3',
  'python',
  'git',
  'curl',
  'wget',
];
const DEMO_PASSWORD = 'samsyn-demo';

const started = Date.now();
const results = [];
const cleanups = [];

function log(msg) {
  console.log(`replay: ${msg}`);
}
function fail(msg) {
  throw new ReplayError(msg);
}
class ReplayError extends Error {}
function check(name, ok, detail = '') {
  results.push({ name, ok });
  log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? ` (${detail})` : ''}`);
  if (!ok) fail(`check failed: ${name}${detail ? ` (${detail})` : ''}`);
}
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(0)} s`;

// ---- Dockerfile ---------------------------------------------------------------------------

/** Logical lines (continuations joined, comments and blank lines dropped). */
function dockerfileLines(text) {
  const out = [];
  let current = '';
  for (const raw of text.split('\n')) {
    const line = raw.trimEnd();
    if (!current && /^\s*(#|$)/.test(line)) continue;
    if (current && /^\s*#/.test(line)) continue; // comment inside a continuation
    if (line.endsWith('\\')) {
      current += line.slice(0, -1) + ' ';
      continue;
    }
    out.push((current + line).trim());
    current = '';
  }
  if (current.trim()) out.push(current.trim());
  return out;
}

function substitute(text, vars) {
  return text.replace(/\$\{(\w+)\}|\$(\w+)/g, (_, a, b) => {
    const name = a ?? b;
    if (!(name in vars)) fail(`undefined variable $${name} in: ${text}`);
    return vars[name];
  });
}

/** Leading --flag[=value] options of an instruction, each checked against the known ones. */
function options(rest, known) {
  const opts = {};
  let s = rest;
  for (let m; (m = /^--([\w-]+)(?:=(\S+))?\s+/.exec(s)); s = s.slice(m[0].length)) {
    if (!known.includes(m[1])) fail(`option --${m[1]} is not replayed (in: ${rest})`);
    (opts[m[1]] ??= []).push(m[2] ?? 'true');
  }
  return { opts, rest: s.trim() };
}

function execForm(text) {
  if (!text.startsWith('[')) return null;
  const list = JSON.parse(text);
  if (!Array.isArray(list) || !list.every((x) => typeof x === 'string'))
    fail(`bad exec form: ${text}`);
  return list;
}

/** ENV key=value pairs (quoted values allowed). */
function envPairs(text, vars) {
  const pairs = {};
  const re = /(\w+)=("(?:[^"\\]|\\.)*"|'[^']*'|\S*)\s*/g;
  let consumed = 0;
  for (let m; (m = re.exec(text));) {
    if (m.index !== consumed) break;
    consumed = re.lastIndex;
    let v = m[2];
    if (v.startsWith('"')) v = JSON.parse(v);
    else if (v.startsWith("'")) v = v.slice(1, -1);
    pairs[m[1]] = substitute(v, { ...vars, ...pairs });
  }
  if (consumed !== text.length || !Object.keys(pairs).length)
    fail(`ENV is replayed in its key=value form only: ENV ${text}`);
  return pairs;
}

function parseDockerfile(text) {
  const globalArgs = {};
  const stages = [];
  let stage = null;
  for (const line of dockerfileLines(text)) {
    const m = /^(\w+)\s+([\s\S]*)$/.exec(line);
    if (!m) fail(`cannot read line: ${line}`);
    const [, word, body] = m;
    const instr = word.toUpperCase();
    if (!stage && instr !== 'ARG' && instr !== 'FROM') fail(`${instr} before FROM`);
    switch (instr) {
      case 'ARG': {
        const a = /^(\w+)(?:=(.*))?$/.exec(body.trim());
        if (!a) fail(`cannot read ARG ${body}`);
        if (!stage) globalArgs[a[1]] = a[2] ?? '';
        else stage.args[a[1]] = a[2] ?? globalArgs[a[1]] ?? '';
        break;
      }
      case 'FROM': {
        const f = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(body.trim());
        if (!f) fail(`cannot read FROM ${body}`);
        const image = substitute(f[1], globalArgs);
        const parent = stages.find((s) => s.name === image);
        stage = {
          name: f[2] ?? String(stages.length),
          image: parent ? parent.image : image,
          parent: parent?.name,
          args: {},
          steps: [],
        };
        stages.push(stage);
        break;
      }
      case 'WORKDIR':
      case 'ENV':
      case 'RUN':
      case 'COPY':
      case 'USER':
      case 'EXPOSE':
      case 'HEALTHCHECK':
      case 'ENTRYPOINT':
      case 'CMD':
        stage.steps.push({ instr, body: body.trim(), line });
        break;
      default:
        fail(`instruction ${instr} is not replayed; teach tools/replay-image.mjs (line: ${line})`);
    }
  }
  return { globalArgs, stages };
}

// ---- build context (.dockerignore) --------------------------------------------------------

function globToRegExp(pattern) {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*' && pattern[i + 1] === '*') {
      i++;
      if (pattern[i + 1] === '/') {
        i++;
        re += '(?:.*/)?';
      } else re += '.*';
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = pattern.indexOf(']', i);
      if (end < 0) fail(`bad ignore pattern ${pattern}`);
      re += pattern.slice(i, end + 1);
      i = end;
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** Docker's rule: the last pattern that matches the path or one of its parents decides. */
function ignoreMatcher(text) {
  const rules = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const negate = l.startsWith('!');
      const p = posix.normalize((negate ? l.slice(1) : l).trim()).replace(/^\/+/, '');
      return { negate, re: globToRegExp(p), literal: p };
    });
  const ignored = (path) => {
    const parts = path.split('/');
    let result = false;
    for (const rule of rules) {
      for (let n = 1; n <= parts.length; n++) {
        if (rule.re.test(parts.slice(0, n).join('/'))) {
          result = !rule.negate;
          break;
        }
      }
    }
    return result;
  };
  // An ignored folder is skipped whole unless an exception could re-include something in it.
  const mayReinclude = (dir) =>
    rules.some((r) => r.negate && (/[*?[]/.test(r.literal) || r.literal.startsWith(`${dir}/`)));
  return { ignored, mayReinclude };
}

function copyContext(target) {
  const { ignored, mayReinclude } = ignoreMatcher(readFileSync(IGNOREFILE, 'utf8'));
  let files = 0;
  const walk = (rel) => {
    for (const entry of readdirSync(join(ROOT, rel), { withFileTypes: true })) {
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      const skip = ignored(path);
      if (entry.isDirectory()) {
        if (skip && !mayReinclude(path)) continue;
        walk(path);
      } else if (!skip) {
        mkdirSync(join(target, rel), { recursive: true });
        cpSync(join(ROOT, path), join(target, path), { verbatimSymlinks: true });
        files++;
      }
    }
  };
  walk('');
  return files;
}

// ---- stages as folders, commands in a chroot ----------------------------------------------

function sh(cmd, argv, opts = {}) {
  const r = spawnSync(cmd, argv, { stdio: 'inherit', ...opts });
  if (r.error) throw r.error;
  return r.status ?? 1;
}
const q = (s) => `'${String(s).replace(/'/g, `'\\''`)}'`;

/** Where a path of a stage's file system is kept (only /app, /root, /usr/local and the like). */
function hostPath(stage, path) {
  const p = posix.normalize(path);
  if (!p.startsWith('/')) fail(`not an absolute path: ${path}`);
  if (/^\/(usr(?!\/local(\/|$))|etc|proc|sys|dev)(\/|$)/.test(p))
    fail(`${path}: writing into the base image's /usr, /etc, /proc, /sys or /dev is not replayed`);
  return join(stage.dir, p);
}

function makeBase(stage, nodeHome, scratch) {
  mkdirSync(join(stage.dir, 'usr/local/bin'), { recursive: true });
  mkdirSync(join(stage.dir, 'root'), { recursive: true });
  mkdirSync(join(stage.dir, 'tmp'), { recursive: true, mode: 0o1777 });
  chmodSync(join(stage.dir, 'tmp'), 0o1777);
  // Node.js as the official image has it: /usr/local/bin/node, npm in /usr/local/lib.
  const node = join(stage.dir, 'usr/local/bin/node');
  try {
    linkSync(join(nodeHome, 'bin/node'), node);
  } catch {
    copyFileSync(join(nodeHome, 'bin/node'), node);
    chmodSync(node, 0o755);
  }
  const npmHome = dirname(
    dirname(realpathSync(spawnSync('which', ['npm']).stdout.toString().trim())),
  );
  if (!existsSync(join(npmHome, 'package.json'))) fail(`npm not found beside ${npmHome}`);
  cpSync(npmHome, join(stage.dir, 'usr/local/lib/node_modules/npm'), {
    recursive: true,
    verbatimSymlinks: true,
  });
  sh('ln', ['-s', '../lib/node_modules/npm/bin/npm-cli.js', join(stage.dir, 'usr/local/bin/npm')]);
  sh('ln', ['-s', '../lib/node_modules/npm/bin/npx-cli.js', join(stage.dir, 'usr/local/bin/npx')]);
  // The image's user database: this machine's plus `node`.
  for (const [file, line] of [
    ['passwd', `node:x:${NODE_UID}:${NODE_GID}::/home/node:/bin/sh`],
    ['group', `node:x:${NODE_GID}:`],
  ]) {
    const own = readFileSync(`/etc/${file}`, 'utf8')
      .split('\n')
      .filter((l) => l && !l.startsWith('node:'));
    writeFileSync(join(scratch, `${stage.name}.${file}`), [...own, line, ''].join('\n'));
  }
  mkdirSync(join(stage.dir, 'home/node'), { recursive: true });
  sh('chown', [`${NODE_UID}:${NODE_GID}`, join(stage.dir, 'home/node')]);
}

/** A bash script that builds the chroot in a private mount namespace and runs argv in it. */
function chrootScript(stage, scratch, { argv, user, workdir, env, mounts = [] }) {
  const root = join(scratch, `root-${stage.name}`);
  const lines = ['set -euo pipefail', `root=${q(root)}`, 'mkdir -p "$root"'];
  lines.push('mount -t tmpfs -o mode=0755 tmpfs "$root"');
  for (const d of ['usr', 'etc', 'dev', 'proc', 'sys', 'tmp']) lines.push(`mkdir -p "$root/${d}"`);
  // Debian's merged /usr: /bin, /sbin, /lib, /lib64 are links into /usr.
  for (const d of ['bin', 'sbin', 'lib', 'lib64']) {
    const st = lstatSync(`/${d}`, { throwIfNoEntry: false });
    if (st?.isSymbolicLink()) lines.push(`ln -s ${q(readLinkOf(`/${d}`))} "$root/${d}"`);
    else if (st) lines.push(`mkdir -p "$root/${d}"`, `mount --rbind /${d} "$root/${d}"`);
  }
  lines.push(
    'mount --rbind /usr "$root/usr"',
    'mount -o remount,bind,ro "$root/usr"',
    'mount --rbind /etc "$root/etc"',
    'mount -o remount,bind,ro "$root/etc"',
    'mount --rbind /dev "$root/dev"',
    'mount --rbind /proc "$root/proc"',
    'mount --rbind /sys "$root/sys"',
    `mount --bind ${q(join(scratch, `${stage.name}.passwd`))} "$root/etc/passwd"`,
    `mount --bind ${q(join(scratch, `${stage.name}.group`))} "$root/etc/group"`,
  );
  for (const tool of ABSENT_TOOLS) {
    for (const dir of ['/usr/bin', '/usr/sbin']) {
      if (!existsSync(`${dir}/${tool}`)) continue;
      const real = realpathSync(`${dir}/${tool}`);
      if (real.startsWith('/usr/'))
        lines.push(`mount --bind ${q(join(scratch, 'absent-tool'))} "$root"${q(real)}`);
    }
  }
  // The stage's own files.
  for (const entry of readdirSync(stage.dir)) {
    if (entry === 'usr') continue;
    if (entry === 'etc') fail(`${stage.name}: files in /etc are not replayed`);
    lines.push(
      `mkdir -p "$root/${entry}"`,
      `mount --bind ${q(join(stage.dir, entry))} "$root/${entry}"`,
    );
  }
  for (const entry of readdirSync(join(stage.dir, 'usr')))
    if (entry !== 'local') fail(`${stage.name}: /usr/${entry} is not replayed`);
  lines.push(`mount --bind ${q(join(stage.dir, 'usr/local'))} "$root/usr/local"`);
  for (const [source, target] of mounts) {
    lines.push(`mkdir -p "$root"${q(target)}`, `mount --bind ${q(source)} "$root"${q(target)}`);
  }
  const envArgs = Object.entries(env).map(([k, v]) => q(`${k}=${v}`));
  const userArgs =
    user === 0 ? '' : `/usr/bin/setpriv --reuid=${user.uid} --regid=${user.gid} --clear-groups -- `;
  lines.push(
    `exec chroot "$root" /usr/bin/env -i ${envArgs.join(' ')} ${userArgs}/bin/sh -c ${q(
      `cd ${q(workdir)} && exec "$@"`,
    )} sh ${argv.map(q).join(' ')}`,
  );
  return lines.join('\n') + '\n';
}
function readLinkOf(p) {
  return spawnSync('readlink', [p]).stdout.toString().trim();
}

let scriptCount = 0;
function inChroot(stage, scratch, spec) {
  const file = join(scratch, `run-${++scriptCount}.sh`);
  writeFileSync(file, chrootScript(stage, scratch, spec), { mode: 0o600 });
  return ['unshare', ['--mount', '--propagation', 'private', 'bash', file]];
}

// ---- stages ---------------------------------------------------------------------------------

/**
 * This machine's proxy and CA settings, for the RUN lines only: a builder behind a proxy that
 * re-signs TLS passes the same to `docker build`. The running image gets none of them.
 */
function buildNetworkEnv() {
  const names = ['NODE_EXTRA_CA_CERTS', 'SSL_CERT_FILE', 'SSL_CERT_DIR'];
  for (const p of ['HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'ALL_PROXY'])
    names.push(p, p.toLowerCase());
  return Object.fromEntries(names.filter((n) => process.env[n]).map((n) => [n, process.env[n]]));
}

/** A RUN line as a process group of its own, so that an interrupted replay can end it. */
function runAsync(cmd, argv) {
  return new Promise((ok) => {
    const child = spawn(cmd, argv, { stdio: 'inherit', detached: true });
    const kill = () => killGroup(child.pid);
    cleanups.push(kill);
    child.once('exit', (code, signal) => {
      cleanups.splice(cleanups.indexOf(kill), 1);
      ok(code ?? (signal ? 128 : 1));
    });
  });
}

function stageEnv(stage) {
  return { PATH: BASE_PATH, HOME: '/root', ...stage.env };
}

function userOf(stage) {
  if (!stage.user || stage.user === 'root' || stage.user === '0') return 0;
  if (stage.user === 'node') return { uid: NODE_UID, gid: NODE_GID };
  fail(`USER ${stage.user} is not replayed`);
}

function copyInto(src, dest, { chmod } = {}) {
  const st = statSync(src);
  mkdirSync(st.isDirectory() ? dest : dirname(dest), { recursive: true });
  if (st.isDirectory()) {
    // cp -a: contents merged into dest, links and modes kept.
    if (sh('cp', ['-a', `${src}/.`, dest]) !== 0) fail(`copy of ${src} failed`);
  } else {
    if (sh('cp', ['-a', src, dest]) !== 0) fail(`copy of ${src} failed`);
  }
  if (chmod) sh('chmod', ['-R', chmod, dest]);
}

async function runStage(stage, ctx) {
  const t0 = Date.now();
  log(`stage ${stage.name} (FROM ${stage.image})`);
  if (stage.parent) fail(`FROM another stage (${stage.parent}) is not replayed`);
  stage.dir = join(ctx.scratch, 'stages', stage.name);
  makeBase(stage, ctx.nodeHome, ctx.scratch);
  stage.env = { NODE_VERSION: ctx.nodeVersion };
  stage.workdir = '/';
  stage.user = 'root';
  const vars = () => ({ ...stage.args, ...stage.env });
  for (const step of stage.steps) {
    const body = step.body;
    switch (step.instr) {
      case 'WORKDIR': {
        const w = substitute(body, vars());
        stage.workdir = posix.resolve(stage.workdir, w);
        mkdirSync(hostPath(stage, stage.workdir), { recursive: true });
        break;
      }
      case 'ENV':
        Object.assign(stage.env, envPairs(body, vars()));
        break;
      case 'USER':
        stage.user = substitute(body, vars());
        userOf(stage);
        break;
      case 'COPY': {
        const { opts, rest } = options(body, ['from', 'chmod', 'chown', 'link']);
        if (opts.chown) fail('COPY --chown is not replayed');
        const parts = execForm(rest) ?? rest.split(/\s+/).map((p) => substitute(p, vars()));
        const dest = parts.pop();
        const from = opts.from?.[0];
        const source = from ? ctx.stages.get(from) : null;
        if (from && !source) fail(`COPY --from=${from}: no such earlier stage`);
        let target = posix.resolve(stage.workdir, dest);
        const intoDir = dest.endsWith('/') || parts.length > 1;
        for (const p of parts) {
          // COPY --from: paths in the other stage, relative ones from its root.
          const src = source ? hostPath(source, posix.resolve('/', p)) : ctxPath(ctx, p);
          if (!existsSync(src))
            fail(`COPY ${p}: not found${from ? ` in stage ${from}` : ' in the context'}`);
          const isDir = statSync(src).isDirectory();
          const to = intoDir && !isDir ? posix.join(target, posix.basename(p)) : target;
          copyInto(src, hostPath(stage, to), { chmod: opts.chmod?.[0] });
        }
        log(`  COPY ${body}`);
        break;
      }
      case 'RUN': {
        const { opts, rest } = options(body, ['mount']);
        const mounts = [];
        for (const m of opts.mount ?? []) {
          const kv = Object.fromEntries(m.split(',').map((x) => x.split('=')));
          if (kv.type !== 'cache' || !kv.target)
            fail(`RUN --mount=${m}: only type=cache with a target is replayed`);
          mounts.push([ctx.npmCache, kv.target]);
        }
        const argv = execForm(rest) ?? ['/bin/sh', '-c', rest];
        log(`  RUN ${rest}`);
        const t = Date.now();
        const [cmd, cmdArgs] = inChroot(stage, ctx.scratch, {
          argv,
          user: userOf(stage),
          workdir: stage.workdir,
          env: { ...stageEnv(stage), ...buildNetworkEnv() },
          mounts,
        });
        const code = await runAsync(cmd, cmdArgs);
        if (code !== 0) fail(`stage ${stage.name}: RUN failed with exit code ${code}: ${rest}`);
        log(`  … done in ${seconds(t)}`);
        break;
      }
      case 'EXPOSE':
        stage.expose = body;
        break;
      case 'HEALTHCHECK': {
        const { opts, rest } = options(body, ['interval', 'timeout', 'start-period', 'retries']);
        const c = /^CMD\s+(.*)$/.exec(rest);
        if (!c) fail(`HEALTHCHECK ${rest}: only CMD is replayed`);
        stage.healthcheck = { argv: execForm(c[1]) ?? ['/bin/sh', '-c', c[1]], opts };
        break;
      }
      case 'ENTRYPOINT':
        stage.entrypoint = execForm(body) ?? ['/bin/sh', '-c', body];
        break;
      case 'CMD':
        stage.cmd = execForm(body) ?? ['/bin/sh', '-c', body];
        break;
    }
  }
  ctx.stages.set(stage.name, stage);
  log(`stage ${stage.name} done in ${seconds(t0)}`);
}

function ctxPath(ctx, p) {
  const full = resolve(ctx.context, p);
  if (relative(ctx.context, full).startsWith('..')) fail(`COPY ${p}: outside the context`);
  return full;
}

// ---- running the image --------------------------------------------------------------------

function freePort() {
  return new Promise((ok, ko) => {
    const srv = createServer();
    srv.once('error', ko);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
  });
}

/** `docker run [-e …] image [args]`: ENTRYPOINT + (args or CMD), as the image's USER. */
function container(image, ctx, env, args, name) {
  const argv = [...(image.entrypoint ?? []), ...(args ?? image.cmd ?? [])];
  const [cmd, cmdArgs] = inChroot(image, ctx.scratch, {
    argv,
    user: userOf(image),
    workdir: image.workdir,
    env: { ...stageEnv(image), HOSTNAME: 'samsyn-replay', ...env },
  });
  const child = spawn(cmd, cmdArgs, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let out = '';
  const onData = (d) => {
    out += d.toString();
    if (ctx.verbose) process.stdout.write(`  ${name}| ${d}`);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise((ok) => child.once('exit', (code, signal) => ok({ code, signal })));
  const handle = {
    child,
    name,
    exited,
    output: () => out,
    running: () => child.exitCode === null && child.signalCode === null,
    async waitFor(re, ms) {
      const t = Date.now();
      while (Date.now() - t < ms) {
        const m = out.match(re);
        if (m) return m;
        if (!handle.running()) fail(`${name} exited before it was ready:\n${out.slice(-3000)}`);
        await sleep(200);
      }
      fail(`${name} not ready within ${ms} ms:\n${out.slice(-3000)}`);
    },
    /** docker stop: SIGTERM, then SIGKILL after 10 s. */
    async stop() {
      if (!handle.running()) return exited;
      process.kill(child.pid, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child.pid), 10_000);
      const r = await exited;
      clearTimeout(timer);
      killGroup(child.pid); // anything it left behind
      return r;
    },
  };
  cleanups.push(() => handle.running() && killGroup(child.pid));
  return handle;
}
function killGroup(pid) {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // gone
  }
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Runs the image's HEALTHCHECK command inside it, as Docker does, until it passes. */
async function healthcheck(image, ctx, env) {
  if (!image.healthcheck) fail('the image has no HEALTHCHECK');
  const t = Date.now();
  for (let i = 0; ; i++) {
    const [cmd, cmdArgs] = inChroot(image, ctx.scratch, {
      argv: image.healthcheck.argv,
      user: userOf(image),
      workdir: image.workdir,
      env: { ...stageEnv(image), ...env },
    });
    const r = spawnSync(cmd, cmdArgs, { stdio: 'ignore', timeout: 5_000 });
    if (r.status === 0) return i + 1;
    if (Date.now() - t > 60_000) return 0;
    await sleep(1_000);
  }
}

class Session {
  constructor(base) {
    this.base = base;
    this.cookies = new Map();
  }
  async request(method, path, body) {
    const headers = { accept: 'application/json' };
    if (this.cookies.size)
      headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const csrf = this.cookies.get('samsyn_csrf');
    if (csrf && method !== 'GET') headers['x-csrf-token'] = csrf;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair.indexOf('=');
      this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    const text = await res.text();
    let json;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, json, text, headers: res.headers };
  }
}

async function signIn(url, username) {
  const s = new Session(url);
  const login = await s.request('POST', '/api/v1/auth/login', {
    username,
    password: DEMO_PASSWORD,
  });
  check(`sign-in as ${username} (argon2)`, login.status === 200, `HTTP ${login.status}`);
  const me = await s.request('GET', '/api/v1/me');
  check(
    'the session answers /api/v1/me',
    me.status === 200 && JSON.stringify(me.json ?? {}).includes(username),
    `HTTP ${me.status}`,
  );
  return s;
}

async function runEmbedded(image, ctx) {
  log('run: api on the embedded database (no DATABASE_URL, no REDIS_URL), DEMO_MODE=true');
  const port = await freePort();
  const env = { HOST: '127.0.0.1', PORT: String(port), DEMO_MODE: 'true' };
  const url = `http://127.0.0.1:${port}`;
  const t = Date.now();
  const api = container(image, ctx, env, undefined, 'api');
  await api.waitFor(/Samsyn API listening on/, 120_000);
  log(`  api listening after ${seconds(t)}`);
  check('HEALTHCHECK command passes inside the image', (await healthcheck(image, ctx, env)) > 0);
  const health = await new Session(url).request('GET', '/api/health');
  check(
    '/api/health: ok, database up, no Redis',
    health.status === 200 &&
      health.json?.status === 'ok' &&
      health.json?.details?.database?.status === 'up' &&
      health.json?.details?.redis === undefined,
    `HTTP ${health.status}`,
  );
  const page = await new Session(url).request('GET', '/');
  check(
    'the built client is served at /',
    page.status === 200 && /<app-root|<samsyn-root|<html/i.test(page.text),
    `HTTP ${page.status}`,
  );
  await signIn(url, 'sysadmin');
  const data = join(image.dir, 'app/.data');
  check('the embedded database lives in /app/.data (owned by node)', ownedByNode(join(data, 'db')));
  const r = await api.stop();
  check('api stops on SIGTERM within 10 s', stoppedCleanly(r), `exit ${r.code ?? r.signal}`);
  check(
    'the embedded database was closed (its lock released)',
    !existsSync(join(data, 'db/samsyn.lock')),
  );
  check('no error in the api log', !/"level":(50|60)/.test(api.output()));
}

/**
 * Nest's shutdown hooks close the app and then raise the signal again, so a clean stop ends by
 * SIGTERM (exit status 143 in Docker) or with 0; SIGKILL means the 10 s grace ran out.
 */
function stoppedCleanly({ code, signal }) {
  return code === 0 || signal === 'SIGTERM';
}

function ownedByNode(path) {
  const st = statSync(path, { throwIfNoEntry: false });
  return Boolean(st && st.uid === NODE_UID);
}

function servicesUp() {
  const pg = spawnSync('pg_isready', ['-h', '127.0.0.1', '-p', '5432', '-q']).status === 0;
  const redis =
    spawnSync('redis-cli', ['-h', '127.0.0.1', '-p', '6379', 'ping']).stdout?.toString().trim() ===
    'PONG';
  return pg && redis;
}
function psql(sql) {
  const r = spawnSync('psql', ['-h', '127.0.0.1', '-U', 'postgres', '-qAtc', sql], {
    encoding: 'utf8',
  });
  if (r.status !== 0) fail(`psql ${sql}: ${r.stderr}`);
}

async function runWithServices(image, ctx) {
  const db = `samsyn_replay_${process.pid}`;
  const prefix = `samsyn-replay-${process.pid}`;
  log(`run: api and worker on PostgreSQL (database ${db}) and Redis (QUEUE_PREFIX ${prefix})`);
  psql(`create database ${db}`);
  cleanups.push(() => {
    spawnSync('psql', [
      '-h',
      '127.0.0.1',
      '-U',
      'postgres',
      '-qAtc',
      `drop database if exists ${db} with (force)`,
    ]);
    spawnSync('sh', [
      '-c',
      `redis-cli -h 127.0.0.1 --scan --pattern ${q(`${prefix}:*`)} | xargs -r redis-cli -h 127.0.0.1 del >/dev/null`,
    ]);
  });
  const port = await freePort();
  const common = {
    DATABASE_URL: `postgres://postgres@127.0.0.1:5432/${db}`,
    REDIS_URL: 'redis://127.0.0.1:6379',
    QUEUE_PREFIX: prefix,
    REMINDER_POLL_SECONDS: '1',
  };
  const env = { ...common, HOST: '127.0.0.1', PORT: String(port), DEMO_MODE: 'true' };
  const url = `http://127.0.0.1:${port}`;
  const api = container(image, ctx, env, ['api'], 'api');
  await api.waitFor(/Samsyn API listening on/, 120_000);
  check('HEALTHCHECK command passes inside the image', (await healthcheck(image, ctx, env)) > 0);
  const health = await new Session(url).request('GET', '/api/health');
  check(
    '/api/health: ok, database and Redis up',
    health.status === 200 &&
      health.json?.details?.database?.status === 'up' &&
      health.json?.details?.redis?.status === 'up',
    `HTTP ${health.status}`,
  );
  const worker = container(image, ctx, common, ['worker'], 'worker');
  await worker.waitFor(/Samsyn worker ready/, 90_000);
  check('worker ready', true);
  const admin = await signIn(url, 'sysadmin');
  const created = await admin.request('POST', '/api/v1/reminders/test', {});
  check('a test reminder is accepted', created.status === 201, `HTTP ${created.status}`);
  let status = created.json?.status;
  const t = Date.now();
  while (status !== 'delivered' && Date.now() - t < 30_000) {
    await sleep(500);
    status = (await admin.request('GET', `/api/v1/reminders/${created.json.id}`)).json?.status;
  }
  check('the worker delivers it through BullMQ', status === 'delivered', `status ${status}`);
  const w = await worker.stop();
  check('worker stops on SIGTERM within 10 s', stoppedCleanly(w), `exit ${w.code ?? w.signal}`);
  const a = await api.stop();
  check('api stops on SIGTERM within 10 s', stoppedCleanly(a), `exit ${a.code ?? a.signal}`);
  check(
    'no error in the api and worker logs',
    !/"level":(50|60)/.test(api.output() + worker.output()),
  );
}

// ---- main -----------------------------------------------------------------------------------

async function main() {
  if (process.platform !== 'linux' || process.arch !== 'x64') fail('Linux x64 only');
  if (process.getuid?.() !== 0) fail('needs root (mount namespace and chroot)');
  const text = readFileSync(DOCKERFILE, 'utf8');
  const { globalArgs, stages } = parseDockerfile(text);

  // The image's Node is the runtime CI proves: one major version in both places.
  const pinned = /^SAMSYN_NODE_VERSION=(\d+)\.(\d+)\.(\d+)$/m.exec(
    readFileSync(join(ROOT, '.ci/node.sh'), 'utf8'),
  );
  if (!pinned) fail('.ci/node.sh has no SAMSYN_NODE_VERSION');
  const nodeVersion = `${pinned[1]}.${pinned[2]}.${pinned[3]}`;
  const image = globalArgs.NODE_IMAGE;
  const tag = /^node:(\d+)(?:\.\d+)*-bookworm-slim$/.exec(image ?? '');
  check(
    `NODE_IMAGE defaults to node:${pinned[1]}-bookworm-slim, CI's Node ${pinned[1]}`,
    Boolean(tag) && tag[1] === pinned[1],
    `it is ${image}`,
  );
  for (const s of stages)
    if (s.image !== image && !s.parent) fail(`stage ${s.name} is FROM ${s.image}, not NODE_IMAGE`);
  const codename = /VERSION_CODENAME=(\w+)/.exec(readFileSync('/etc/os-release', 'utf8'))?.[1];
  if (codename !== 'bookworm') fail(`this machine is Debian ${codename}, the image bookworm`);

  // Node.js of the base image: the pinned one, installed by .ci/node.sh if needed.
  const found = spawnSync('bash', ['-c', 'source .ci/node.sh >&2 && command -v node'], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (found.status !== 0) fail('could not install the pinned Node.js (.ci/node.sh)');
  const nodeHome = dirname(dirname(found.stdout.trim()));
  const scratch = mkdtempSync('/tmp/samsyn-replay-');
  log(`scratch folder ${scratch}; base image ${image} = Debian ${codename} + Node ${nodeVersion}`);
  if (!args.has('--keep'))
    cleanups.push(() => {
      log(`removing ${scratch}`);
      spawnSync('rm', ['-rf', scratch]);
    });
  writeFileSync(
    join(scratch, 'absent-tool'),
    '#!/bin/sh\necho "replay: $0 is not in the node:*-bookworm-slim image" >&2\nexit 127\n',
    { mode: 0o755 },
  );

  const context = join(scratch, 'context');
  mkdirSync(context);
  const files = copyContext(context);
  log(`build context: ${files} files (after ${relative(ROOT, IGNOREFILE)})`);
  const npmCache = spawnSync('npm', ['config', 'get', 'cache'], { encoding: 'utf8' }).stdout.trim();
  const ctx = { scratch, context, nodeHome, nodeVersion, npmCache, stages: new Map() };
  ctx.verbose = process.env.REPLAY_VERBOSE === '1';

  for (const stage of stages) await runStage(stage, ctx);
  const final = stages[stages.length - 1];
  log(
    `image = stage ${final.name}: USER ${final.user}, WORKDIR ${final.workdir}, ENTRYPOINT ${JSON.stringify(final.entrypoint)} CMD ${JSON.stringify(final.cmd)}`,
  );

  const v = spawnSync(
    ...inChroot(final, scratch, {
      argv: [...final.entrypoint, 'node', '--version'],
      user: userOf(final),
      workdir: final.workdir,
      env: stageEnv(final),
    }),
    { encoding: 'utf8' },
  );
  check(
    `samsyn-entrypoint node --version prints v${nodeVersion}`,
    v.stdout.trim() === `v${nodeVersion}`,
    v.stdout.trim() || v.stderr.trim(),
  );

  await runEmbedded(final, ctx);
  if (args.has('--no-services')) log('skipped: PostgreSQL and Redis (--no-services)');
  else if (!servicesUp()) log('skipped: PostgreSQL and Redis do not answer on loopback');
  else await runWithServices(final, ctx);
}

async function cleanup() {
  for (const c of cleanups.reverse()) {
    try {
      await c();
    } catch (e) {
      console.error(`replay: cleanup: ${e.message}`);
    }
  }
}

for (const signal of ['SIGINT', 'SIGTERM'])
  process.once(signal, () => {
    console.error(`replay: ${signal}: stopping`);
    void cleanup().then(() => process.exit(130));
  });

try {
  await main();
  await cleanup();
  log(`passed: ${results.length} checks in ${seconds(started)}`);
} catch (e) {
  console.error(`replay: FAILED: ${e instanceof ReplayError ? e.message : e.stack}`);
  await cleanup();
  process.exit(1);
}
