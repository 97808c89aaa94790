#!/usr/bin/env node
// `sessiondock-mcp`, the stdio MCP bridge (src/mcp-bridge/README.md): package.json's bin, so
// `npx sessiondock-mcp` in this repository, or `node <repo>/bin/sessiondock-mcp.cjs` from anywhere.
// Runs the build (out/main/sessiondock-mcp.js) when it is current; from the TypeScript sources
// (tsx, in this same process) when there is no build or a source changed after it, so a stale
// build is never run. SESSIONDOCK_MCP_FROM=build|source chooses explicitly.
// Nothing but MCP messages may ever reach stdout: notes go to stderr.
/* eslint-disable @typescript-eslint/no-require-imports */
'use strict';
const { join } = require('node:path');
// Also checks the Node version first (scripts/check-node.cjs, on stderr).
const { builtStatus, runBuiltOrSource } = require('../scripts/built-or-source.cjs');

const BUILT = 'out/main/sessiondock-mcp.js';
/** What the bundle is made from: the bridge and what it imports from the app, and the build config. */
const INPUTS = ['src/mcp-bridge', 'src/main', 'src/shared', 'electron.vite.config.ts'];

/** `{ current, reason }`: whether the bundle can be run, else why the sources are used. */
function builtBridgeStatus(root = join(__dirname, '..')) {
  return builtStatus(root, BUILT, INPUTS);
}

module.exports = { builtBridgeStatus };

if (require.main === module) {
  runBuiltOrSource({
    built: BUILT,
    source: 'src/mcp-bridge/main.ts',
    inputs: INPUTS,
    chooser: 'SESSIONDOCK_MCP_FROM',
    note: (reason) => `sessiondock-mcp: running from the sources with tsx: ${reason}`,
  }).catch((error) => {
    process.stderr.write(`sessiondock-mcp failed to start: ${error && error.stack ? error.stack : error}\n`);
    process.exit(1);
  });
}
