// `npm run headless -- …`: headless mode from the build (out/main/headless.js) when the build is
// current, so nothing is compiled on the way to the first request; from the TypeScript sources
// (tsx, in this same process) when there is no build or a source changed after it, so a stale
// build is never run. SESSIONDOCK_HEADLESS_FROM=build|source chooses explicitly.
'use strict';
require('./check-node.cjs');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join, relative } = require('node:path');
const { pathToFileURL } = require('node:url');

const ROOT = join(__dirname, '..');
const BUILT = join(ROOT, 'out', 'main', 'headless.js');
const SOURCE = join(ROOT, 'src', 'main', 'headless.ts');
/** What the main bundle is made from (electron.vite.config.ts: main; packages stay external). */
const INPUTS = ['src/main', 'src/shared', 'electron.vite.config.ts'];

/** The most recently modified input file, or null when there is none. */
function newestInput(root = ROOT) {
  let newest = null;
  const consider = (path) => {
    const mtimeMs = statSync(path).mtimeMs;
    if (!newest || mtimeMs > newest.mtimeMs) newest = { path, mtimeMs };
  };
  for (const input of INPUTS) {
    const path = join(root, input);
    if (!existsSync(path)) continue;
    if (!statSync(path).isDirectory()) {
      consider(path);
      continue;
    }
    for (const entry of readdirSync(path, { recursive: true, withFileTypes: true })) {
      if (entry.isFile()) consider(join(entry.parentPath, entry.name));
    }
  }
  return newest;
}

/**
 * Whether out/main/headless.js can be run: present, and no input changed after it was built.
 * Returns `{ current, reason }`; the reason says why the sources are used instead.
 */
function builtHeadlessStatus(root = ROOT) {
  const built = join(root, 'out', 'main', 'headless.js');
  if (!existsSync(built)) return { current: false, reason: 'there is no build (out/main/headless.js)' };
  const newest = newestInput(root);
  if (newest && newest.mtimeMs > statSync(built).mtimeMs) {
    return {
      current: false,
      reason: `${relative(root, newest.path)} changed after the build (out/main/headless.js)`,
    };
  }
  return { current: true, reason: null };
}

async function main() {
  const wanted = process.env.SESSIONDOCK_HEADLESS_FROM;
  if (wanted && wanted !== 'build' && wanted !== 'source') {
    throw new Error(`SESSIONDOCK_HEADLESS_FROM must be build or source, not ${wanted}`);
  }
  const status = wanted ? null : builtHeadlessStatus();
  if (wanted === 'build' || (status && status.current)) {
    // The built entry reads the arguments after the script's path, as from `node out/main/headless.js`.
    require(BUILT);
    return;
  }
  if (status) {
    process.stderr.write(
      `headless: running from the sources with tsx: ${status.reason}; \`npm run build\` starts faster\n`,
    );
  }
  // What `node --import tsx` does, in this process: no second process to pass signals on to.
  await import('tsx');
  await import(pathToFileURL(SOURCE).href);
}

module.exports = { builtHeadlessStatus, newestInput };

if (require.main === module) {
  main().catch((error) => {
    process.stderr.write(
      `SessionDock headless failed to start: ${error && error.stack ? error.stack : error}\n`,
    );
    process.exit(1);
  });
}
