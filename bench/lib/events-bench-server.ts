// Child process for `npm run bench:events`: the real core (as headless runs it) on a temp data dir
// seeded with a few thousand sessions, and the Local API in full automation on a free port.
// Prints one JSON line with the port, token and session ids, then serves until killed; each line
// read on stdin is answered with one JSON line: this process's RSS, heap, CPU time so far (µs) and
// the event hub's stats.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ApiServer } from '../../src/main/core/api/api-server';
import { createCore } from '../../src/main/core/create-core';
import { seedLibrary } from './library-generator';

const count = Number(process.argv[2] ?? 5_000);
const dir = mkdtempSync(join(tmpdir(), 'sessiondock-bench-events-'));
const core = createCore({ dataDir: join(dir, 'data'), automaticBackups: null });
const seeded = seedLibrary(core, count, 20261204, { via: 'bulk' });
core.settings.setApiMode('full-automation');
const api = new ApiServer(core, { portOverride: 0 });

void (async () => {
  const port = await api.start();
  process.stdout.write(
    `${JSON.stringify({ port, token: core.token.current(), ids: seeded.ids.slice(0, 500), count })}\n`,
  );
})();

createInterface({ input: process.stdin }).on('line', () => {
  const memory = process.memoryUsage();
  const { user, system } = process.cpuUsage();
  process.stdout.write(
    `${JSON.stringify({ rss: memory.rss, heapUsed: memory.heapUsed, cpuMicros: user + system, hub: api.liveEvents.stats() })}\n`,
  );
});

const stop = (): void => {
  void api.stop().finally(() => {
    core.close();
    rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  });
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
