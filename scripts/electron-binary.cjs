// Finds the Electron executable for `npm start`, `npm run dev` and `npm run smoke:desktop`.
// Electron >= 42 downloads its binary on the first `require('electron')` rather than at install;
// electron-vite only reads path.txt, so the download is triggered here first, with one clear
// message when it cannot happen (a machine that reaches only the npm registry).
'use strict';
const { existsSync } = require('node:fs');

/** { path } of the executable, or { path: null, reason } when there is none and none could be had. */
function findElectron() {
  try {
    const path = require('electron');
    if (typeof path !== 'string' || !existsSync(path)) {
      return { path: null, reason: 'unexpected Electron install: ' + String(path) };
    }
    return { path: path, reason: null };
  } catch (error) {
    return { path: null, reason: String(error && error.message ? error.message : error).split('\n')[0] };
  }
}

function explainMissingElectron(reason) {
  console.error(
    '\nSessionDock: the Electron binary is not installed and could not be downloaded here.\n' +
      '(' +
      reason +
      ')\n\n' +
      'Run the library and its Local API without a window instead:\n' +
      '  npm run headless -- --mode read-only\n',
  );
}

/** The executable's path; exits with the explanation when there is none. */
function electronOrExit() {
  const found = findElectron();
  if (!found.path) {
    explainMissingElectron(found.reason);
    process.exit(1);
  }
  return found.path;
}

module.exports = { findElectron, explainMissingElectron, electronOrExit };
