// Runs an entry from the build (out/…) when the build is current, so nothing is compiled on the way;
// from its TypeScript sources (tsx, in this same process) when there is no build or an input
// changed after it, so a stale build is never run. An environment variable (build|source) chooses
// explicitly. Shared by `npm run headless` (scripts/headless.cjs) and the stdio MCP bridge
// (bin/sessiondock-mcp.cjs).
'use strict';
require('./check-node.cjs');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join, relative } = require('node:path');
const { pathToFileURL } = require('node:url');

const ROOT = join(__dirname, '..');

/** The most recently modified file of `inputs` (files or folders under root), or null when there is none. */
function newestInput(root, inputs) {
  let newest = null;
  const consider = (path) => {
    const mtimeMs = statSync(path).mtimeMs;
    if (!newest || mtimeMs > newest.mtimeMs) newest = { path, mtimeMs };
  };
  for (const input of inputs) {
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
 * Whether the built file (relative to root) can be run: present, and no input changed after it
 * was built. Returns `{ current, reason }`; the reason says why the sources are used instead.
 */
function builtStatus(root, built, inputs) {
  const path = join(root, built);
  if (!existsSync(path)) return { current: false, reason: `there is no build (${built})` };
  const newest = newestInput(root, inputs);
  if (newest && newest.mtimeMs > statSync(path).mtimeMs) {
    return { current: false, reason: `${relative(root, newest.path)} changed after the build (${built})` };
  }
  return { current: true, reason: null };
}

/**
 * `entry`: `{ built, source, inputs, chooser, note }` — the built file and the TypeScript source
 * (relative to the repository), what the build is made from, the variable that chooses, and the
 * line written on stderr when the sources are used (given the reason).
 */
async function runBuiltOrSource(entry) {
  const wanted = process.env[entry.chooser];
  if (wanted && wanted !== 'build' && wanted !== 'source') {
    throw new Error(`${entry.chooser} must be build or source, not ${wanted}`);
  }
  const status = wanted ? null : builtStatus(ROOT, entry.built, entry.inputs);
  if (wanted === 'build' || (status && status.current)) {
    // The built entry reads the arguments after the script's path, as from `node out/main/<entry>.js`.
    require(join(ROOT, entry.built));
    return;
  }
  if (status) process.stderr.write(`${entry.note(status.reason)}\n`);
  // What `node --import tsx` does, in this process: no second process to pass signals on to.
  await import('tsx');
  await import(pathToFileURL(join(ROOT, entry.source)).href);
}

module.exports = { newestInput, builtStatus, runBuiltOrSource };
