// `npm start`: builds and launches the desktop app, or explains what to do where Electron
// cannot run (no binary could be downloaded, e.g. a machine with only the npm registry).
'use strict';
const { spawnSync } = require('node:child_process');
const { electronOrExit } = require('./electron-binary.cjs');

electronOrExit();
const result = spawnSync('npx', ['electron-vite', 'preview'], {
  stdio: 'inherit',
  shell: process.platform === 'win32',
});
process.exit(result.status === null ? 1 : result.status);
