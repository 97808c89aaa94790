// Child process for `npm run bench:api`: the real Local API over a seeded 10,000-session library,
// and a bare Fastify "hello" route as the baseline, in one process so both get the same CPU.
// Prints one JSON line with the ports, token and a few ids, then serves until killed; each line
// read on stdin is answered with one line of this process's CPU time so far, in microseconds.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import Fastify from 'fastify';
import { ApiServer } from '../../src/main/core/api/api-server';
import { createCore } from '../../src/main/core/create-core';
import { seedLibrary } from './library-generator';

const count = Number(process.argv[2] ?? 10_000);
const dir = mkdtempSync(join(tmpdir(), 'sessiondock-bench-api-'));
const core = createCore({ dataDir: join(dir, 'data') });
const seeded = seedLibrary(core, count, 20261128, { via: 'bulk' });
core.settings.setApiMode('full-automation');
const api = new ApiServer(core, { portOverride: 0 });

const bare = Fastify({ logger: false });
bare.get('/hello', async () => ({ hello: 'world' }));
// A copy of a full health answer (50 logged requests), served bare: what health would cost with
// none of the API's own work, only its bytes.
let healthCopy: unknown = null;
bare.get('/health-copy', async () => healthCopy);

void (async () => {
  const apiPort = await api.start();
  await bare.listen({ host: '127.0.0.1', port: 0 });
  const barePort = (bare.server.address() as { port: number }).port;
  const headers = { host: `127.0.0.1:${apiPort}`, authorization: `Bearer ${core.token.current()}` };
  for (let n = 0; n < 50; n++) await api.current()!.app.inject({ url: '/api/v1/sessions?limit=1', headers });
  healthCopy = (await api.current()!.app.inject({ url: '/api/v1/health', headers })).json();
  process.stdout.write(
    `${JSON.stringify({ apiPort, barePort, token: core.token.current(), ids: seeded.ids.slice(0, 100), count })}\n`,
  );
})();

createInterface({ input: process.stdin }).on('line', () => {
  const { user, system } = process.cpuUsage();
  process.stdout.write(`${user + system}\n`);
});

const stop = (): void => {
  void Promise.all([api.stop(), bare.close()]).finally(() => {
    core.close();
    rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  });
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
