// The Electron entry: the desktop app, or headless mode with `--headless` (the packaged app's
// `sessiondock --headless`, the same as `npm run headless`). All product logic lives in ./core.
if (process.argv.includes('--headless')) {
  void import('./headless');
} else {
  void import('./app/desktop-app').then(({ startDesktop }) => startDesktop());
}
