// A client nobody here wrote: the MCP Inspector's CLI (@modelcontextprotocol/inspector, from npm)
// against a headless SessionDock on a throwaway library, over Streamable HTTP with the bearer token
// and through the stdio bridge (bin/sessiondock-mcp.cjs). It lists the tools, creates a session,
// lists sessions, reads the session as a resource, and checks that no token means no answer.
//
//   node scripts/check-mcp-inspector.cjs
//
// The Inspector is installed once into a cache folder outside the repository (never a dependency
// of it): $SESSIONDOCK_INSPECTOR_DIR, default ~/.cache/sessiondock/mcp-inspector, at the version
// $SESSIONDOCK_INSPECTOR_VERSION (default below). Its own state (~/.mcp-inspector) goes to the
// temporary folder, not your home. Prints a summary; exits 1 when a check fails.
'use strict';
require('./check-node.cjs');
const { spawn, spawnSync } = require('node:child_process');
const {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} = require('node:fs');
const { createServer } = require('node:net');
const { homedir, tmpdir } = require('node:os');
const { join } = require('node:path');
const { createInterface } = require('node:readline');

const ROOT = join(__dirname, '..');
const VERSION = process.env.SESSIONDOCK_INSPECTOR_VERSION || '2.12.0';
const CACHE =
  process.env.SESSIONDOCK_INSPECTOR_DIR ||
  join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'sessiondock', 'mcp-inspector');
const PACKAGE = join(CACHE, 'node_modules', '@modelcontextprotocol', 'inspector');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function installedVersion() {
  const manifest = join(PACKAGE, 'package.json');
  return existsSync(manifest) ? JSON.parse(readFileSync(manifest, 'utf8')).version : null;
}

function folderSize(dir) {
  let bytes = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) bytes += statSync(join(entry.parentPath, entry.name)).size;
  }
  return bytes;
}

/** Installs the Inspector into the cache unless this version is there; says what it cost. */
function ensureInspector() {
  if (installedVersion() === VERSION) return { installed: false, seconds: 0 };
  mkdirSync(CACHE, { recursive: true });
  process.stderr.write(`installing @modelcontextprotocol/inspector@${VERSION} into ${CACHE}…\n`);
  const started = Date.now();
  const result = spawnSync(
    NPM,
    [
      'install',
      '--prefix',
      CACHE,
      '--no-audit',
      '--no-fund',
      '--ignore-scripts',
      `@modelcontextprotocol/inspector@${VERSION}`,
    ],
    { stdio: ['ignore', 'ignore', 'inherit'], shell: process.platform === 'win32' },
  );
  if (result.status !== 0) throw new Error(`npm install failed (exit ${result.status})`);
  return { installed: true, seconds: (Date.now() - started) / 1000 };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Headless SessionDock, resolved once it prints its base URL. */
function startHeadless(dataDir, port) {
  const child = spawn(
    process.execPath,
    [
      join(ROOT, 'scripts', 'headless.cjs'),
      '--data-dir',
      dataDir,
      '--port',
      String(port),
      '--mode',
      'full-automation',
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', (line) => {
      if (line.includes(`http://127.0.0.1:${port}/api/v1`)) resolve(child);
      else reject(new Error(`headless said: ${line}\n${stderr}`));
    });
    child.once('exit', (code) => reject(new Error(`headless exited with ${code}:\n${stderr}`)));
  });
}

async function main() {
  const started = Date.now();
  const install = ensureInspector();
  const cli = join(PACKAGE, readBin());
  const work = mkdtempSync(join(tmpdir(), 'sessiondock-inspector-'));
  const dataDir = join(work, 'library');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/mcp`;
  let headless = null;
  const checks = [];
  try {
    headless = await startHeadless(dataDir, port);
    const token = readFileSync(join(dataDir, 'local-api-token'), 'utf8').trim();
    const env = {
      ...process.env,
      HOME: work,
      USERPROFILE: work,
      MCP_CATALOG_PATH: join(work, 'inspector-catalog.json'),
      MCP_CLIENT_CONFIG_PATH: join(work, 'inspector-client.json'),
    };
    // --header takes every value up to the next option: it comes last.
    const http = ['--transport', 'http', '--server-url', url, '--header', `Authorization: Bearer ${token}`];
    const bridge = [
      '--',
      process.execPath,
      join(ROOT, 'bin', 'sessiondock-mcp.cjs'),
      '--data-dir',
      dataDir,
      '--port',
      String(port),
    ];
    /** One Inspector CLI call: its JSON answer on stdout, or its error envelope. */
    const inspect = (args, target) => {
      const run = spawnSync(
        process.execPath,
        [cli, '--cli', '--format', 'json', '--stored-auth-only', ...args, ...target],
        {
          env,
          encoding: 'utf8',
          timeout: 60_000,
        },
      );
      const parse = (text) => {
        try {
          return JSON.parse(text.trim().split('\n').filter(Boolean).pop() || 'null');
        } catch {
          return null;
        }
      };
      return {
        status: run.status,
        out: parse(run.stdout || ''),
        err: parse(run.stderr || ''),
        stderr: run.stderr,
      };
    };
    const check = (name, ok, detail) => checks.push({ name, ok: Boolean(ok), detail });
    const toolNames = (answer) => (answer.out?.result?.tools ?? []).map((tool) => tool.name);
    const created = (answer) => answer.out?.result?.structuredContent?.session;

    for (const [transport, target] of [
      ['http', http],
      ['stdio bridge', bridge],
    ]) {
      const listed = inspect(['--method', 'tools/list'], target);
      const names = toolNames(listed);
      check(
        `${transport}: tools/list`,
        names.includes('create_session') && names.includes('list_sessions'),
        `${names.length} tools`,
      );
      const title = `Inspector via ${transport}`;
      const made = inspect(
        [
          '--method',
          'tools/call',
          '--tool-name',
          'create_session',
          '--tool-args-json',
          JSON.stringify({ title, kind: 'Ableton', status: 'draft' }),
        ],
        target,
      );
      const session = created(made);
      check(
        `${transport}: tools/call create_session`,
        session?.title === title,
        session ? session.id : made.stderr.trim().slice(0, 300),
      );
      const found = inspect(
        ['--method', 'tools/call', '--tool-name', 'list_sessions', '--tool-arg', `q=${transport}`],
        target,
      );
      const ids = (found.out?.result?.structuredContent?.sessions ?? []).map((it) => it.id);
      check(
        `${transport}: tools/call list_sessions`,
        session && ids.includes(session.id),
        `${ids.length} found`,
      );
      if (session) {
        const read = inspect(
          ['--method', 'resources/read', '--uri', `sessiondock://sessions/${session.id}`],
          target,
        );
        const text = read.out?.result?.contents?.[0]?.text;
        check(
          `${transport}: resources/read`,
          text && JSON.parse(text).session?.id === session.id,
          `sessiondock://sessions/${session.id}`,
        );
      }
    }
    const refused = inspect(['--method', 'tools/list'], ['--transport', 'http', '--server-url', url]);
    check(
      'http without the token: refused',
      refused.status !== 0 && !refused.out?.result,
      refused.err?.error?.code ?? `exit ${refused.status}`,
    );
  } finally {
    if (headless && headless.exitCode === null) headless.kill('SIGTERM');
    if (headless)
      await new Promise((resolve) =>
        headless.exitCode === null ? headless.once('exit', resolve) : resolve(),
      );
    rmSync(work, { recursive: true, force: true });
  }

  const size = folderSize(CACHE);
  console.log(
    `MCP Inspector ${installedVersion()} (${CACHE}, ${(size / 1024 / 1024).toFixed(0)} MB on disk)`,
  );
  console.log(
    install.installed ? `  installed now in ${install.seconds.toFixed(1)} s` : '  already installed',
  );
  for (const { name, ok, detail } of checks) console.log(`${ok ? '✓' : '✗'} ${name}: ${detail}`);
  const failed = checks.filter((it) => !it.ok).length;
  console.log(
    `${checks.length - failed}/${checks.length} checks passed in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  process.exitCode = failed === 0 ? 0 : 1;
}

/** The Inspector's launcher, as its package.json names it. */
function readBin() {
  const manifest = JSON.parse(readFileSync(join(PACKAGE, 'package.json'), 'utf8'));
  return typeof manifest.bin === 'string' ? manifest.bin : manifest.bin['mcp-inspector'];
}

main().catch((error) => {
  process.stderr.write(`check-mcp-inspector failed: ${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
