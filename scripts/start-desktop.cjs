// `npm start`: builds and launches the desktop app, or explains what to do where Electron
// cannot run (no binary could be downloaded, e.g. a machine with only the npm registry).
'use strict';
const { spawnSync } = require('node:child_process');

let electronPath;
try {
  electronPath = require('electron');
} catch (error) {
  console.error(
    '\nSessionDock: the Electron binary is not installed and could not be downloaded here.\n' +
      '(' +
      String(error && error.message ? error.message : error).split('\n')[0] +
      ')\n\n' +
      'Run the library and its Local API without a window instead:\n' +
      '  npm run headless -- --mode read-only\n',
  );
  process.exit(1);
}
if (typeof electronPath !== 'string') {
  console.error('SessionDock: unexpected Electron install; run `npm run headless` instead.');
  process.exit(1);
}
const result = spawnSync('npx', ['electron-vite', 'preview'], {
  stdio: 'inherit',
  shell: process.platform === 'win32',
});
process.exit(result.status === null ? 1 : result.status);
