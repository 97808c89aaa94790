// `npm run headless -- …`: headless mode from the build (out/main/headless.js) when the build is
// current, so nothing is compiled on the way to the first request; from the TypeScript sources
// (tsx, in this same process) when there is no build or a source changed after it, so a stale
// build is never run. SESSIONDOCK_HEADLESS_FROM=build|source chooses explicitly.
'use strict';
const { join } = require('node:path');
const { builtStatus, runBuiltOrSource } = require('./built-or-source.cjs');

const ROOT = join(__dirname, '..');
const BUILT = 'out/main/headless.js';
const SOURCE = 'src/main/headless.ts';
/** What the main bundle is made from (electron.vite.config.ts: main; packages stay external). */
const INPUTS = ['src/main', 'src/shared', 'electron.vite.config.ts'];

/**
 * Whether out/main/headless.js can be run: present, and no input changed after it was built.
 * Returns `{ current, reason }`; the reason says why the sources are used instead.
 */
function builtHeadlessStatus(root = ROOT) {
  return builtStatus(root, BUILT, INPUTS);
}

function main() {
  return runBuiltOrSource({
    built: BUILT,
    source: SOURCE,
    inputs: INPUTS,
    chooser: 'SESSIONDOCK_HEADLESS_FROM',
    note: (reason) =>
      `headless: running from the sources with tsx: ${reason}; \`npm run build\` starts faster`,
  });
}

module.exports = { builtHeadlessStatus };

if (require.main === module) {
  main().catch((error) => {
    process.stderr.write(
      `SessionDock headless failed to start: ${error && error.stack ? error.stack : error}\n`,
    );
    process.exit(1);
  });
}
