/**
 * Run as a plain Node script: computes peaks through a pool and never closes it. The test expects
 * the process to exit by itself, proving idle workers are unref'd.
 */
import { PeaksWorkerPool } from '../../../src/main/core/audio';

const pool = new PeaksWorkerPool({ size: 1 });
void pool.peaks(process.argv[2]!, 64).then((result) => {
  process.stdout.write(JSON.stringify({ points: result.points, channels: result.channels }));
});
