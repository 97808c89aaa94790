/**
 * bench:ui's seeding, in a process of its own (forked by bench/ui.bench.ts) so that the
 * benchmark's process — which stands in for the main process — holds nothing of it: generating a
 * million create bodies and inserting them leaves a heap and malloc arenas behind that an app
 * opening its library never has.
 *
 *   argv: <dataDir> <sessions> <seed>; prints one JSON line (UiSeedResult) on stdout.
 */
import { createCore } from '../../src/main/core/create-core';
import { seedLibrary } from './library-generator';

export interface UiSeedResult {
  sessions: number;
  seed: number;
  via: 'bulk';
  generateMs: number;
  insertMs: number;
  timestampsMs: number;
}

const [dataDir, sessions, seed] = process.argv.slice(2);
if (!dataDir || !sessions || !seed) throw new Error('usage: ui-seed-child <dataDir> <sessions> <seed>');
const core = createCore({ dataDir, backgroundCheckDelayMs: null });
try {
  const result = seedLibrary(core, Number(sessions), Number(seed), { via: 'bulk', lastOpenedFraction: 0.3 });
  // What the app finds when it opens the library: the seed's WAL folded into the main file.
  core.db.pragma('wal_checkpoint(TRUNCATE)');
  const report: UiSeedResult = {
    sessions: Number(sessions),
    seed: Number(seed),
    via: 'bulk',
    generateMs: result.generateMs,
    insertMs: result.insertMs,
    timestampsMs: result.timestampsMs,
  };
  process.stdout.write(JSON.stringify(report) + '\n');
} finally {
  core.close();
}
