// `npm run smoke:desktop [-- --real]`: builds the app, then runs `SessionDock --smoke-test` — the
// real desktop app with a throwaway library: it passes (exit 0) once the window has rendered the
// library through the preload and the Local API has answered, then quits cleanly.
// Where Electron cannot run (no binary could be downloaded), the same built app runs through the
// Electron test double of test/shell (Chromium for the window), unless `--real` is given: CI on
// machines that have Electron passes `--real`, so a missing binary there is a failure, not a
// quiet fallback.
'use strict';
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');
const { findElectron, explainMissingElectron } = require('./electron-binary.cjs');

const root = join(__dirname, '..');
const run = (command, args) => {
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32' && command === 'npx',
  });
  return result.status === null ? 1 : result.status;
};

if (run('npx', ['electron-vite', 'build']) !== 0) process.exit(1);

const electron = findElectron();
if (electron.path) {
  process.exit(run(electron.path, ['.', '--smoke-test']));
}
if (process.argv.includes('--real')) {
  explainMissingElectron(electron.reason);
  process.exit(1);
}
console.log(
  '\nElectron cannot run here (' +
    electron.reason +
    ').\nRunning the smoke test on the built app through the Electron test double instead (test/shell/README.md).\n',
);
process.exit(
  run(process.execPath, ['--import', 'tsx', 'test/shell/electron-double/run-built-app.ts', '--smoke-test']),
);
