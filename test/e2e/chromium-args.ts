/**
 * Chromium flags for a sandbox with no network: no background traffic, no GPU. A module of its own
 * so a runner can take them without loading the e2e harness (and with it the whole core).
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];
