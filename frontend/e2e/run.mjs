#!/usr/bin/env node
// Runs the end-to-end suite once per language, each time against a fresh
// `rungs serve` with its own embedded PostgreSQL and the demo seed, so every
// journey starts from the same data in both languages.
//
//   node e2e/run.mjs                  both languages
//   E2E_LANGS=en node e2e/run.mjs     one
//   RUNGS_BIN=/path/to/rungs …        another binary (default ../bin/rungs)
//   extra arguments go to vitest (a file name filters the suite)
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, chmodSync, existsSync, createWriteStream, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const bin = resolve(process.env.RUNGS_BIN ?? join(here, '..', '..', 'bin', 'rungs'));
const chromium = process.env.CHROMIUM ?? '/usr/bin/chromium';
const langs = (process.env.E2E_LANGS ?? 'en,zh-CN').split(',').filter(Boolean);

if (!existsSync(bin)) {
  console.error(`e2e: ${bin} is missing; run \`make build\` first (it builds the web app and the binary)`);
  process.exit(2);
}
if (!existsSync(chromium)) {
  console.error(`e2e: ${chromium} is missing; install Debian's chromium (scripts/deps.sh does)`);
  process.exit(2);
}

function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
    s.on('error', rej);
  });
}

async function waitReady(url, proc, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (proc.exitCode !== null) throw new Error(`rungs serve exited with ${proc.exitCode}`);
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`rungs serve not ready after ${ms} ms`);
}

function stop(proc) {
  return new Promise((res) => {
    if (proc.exitCode !== null) return res();
    const t = setTimeout(() => proc.kill('SIGKILL'), 20_000);
    proc.on('exit', () => {
      clearTimeout(t);
      res();
    });
    proc.kill('SIGTERM');
  });
}

function run(cmd, args, env) {
  return new Promise((res) => {
    const p = spawn(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env }, cwd: join(here, '..') });
    p.on('exit', (code) => res(code ?? 1));
  });
}

let failed = 0;
const logs = join(here, '.run');
mkdirSync(logs, { recursive: true });
for (const lang of langs) {
  const dir = mkdtempSync(join(tmpdir(), 'rungs-e2e-'));
  // The embedded PostgreSQL runs as the postgres user when we are root.
  chmodSync(dir, 0o755);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const log = createWriteStream(join(logs, `server-${lang}.log`));
  const server = spawn(bin, ['serve', '-data-dir', join(dir, 'data'), '-listen-addr', `127.0.0.1:${port}`, '-log-format', 'text', '-log-level', 'warn'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout.pipe(log);
  server.stderr.pipe(log);
  try {
    const t0 = Date.now();
    await waitReady(`${base}/readyz`, server, 180_000);
    console.log(`e2e [${lang}]: server ready at ${base} in ${Date.now() - t0} ms (log: e2e/.run/server-${lang}.log)`);
    const code = await run('npx', ['vitest', 'run', '-c', 'vitest.e2e.config.ts', ...process.argv.slice(2)], {
      E2E_BASE_URL: base,
      E2E_LANG: lang,
      CHROMIUM: chromium,
    });
    if (code !== 0) failed++;
  } catch (e) {
    console.error(`e2e [${lang}]: ${e.message}`);
    failed++;
  } finally {
    await stop(server);
    rmSync(dir, { recursive: true, force: true });
  }
}
process.exit(failed ? 1 : 0);
