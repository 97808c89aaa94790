/**
 * PeaksWorkerPool: the worker gives what computePeaks gives in process, errors arrive typed, the
 * main thread stays free, and crashes, hangs, timeouts and cancels never break the pool.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import {
  computePeaks,
  PeaksCancelledError,
  PeaksTimeoutError,
  PeaksWorkerPool,
  UnreadableAudioError,
  type PeaksPoolOptions,
} from '../../src/main/core/audio';
import { encodeAiff, encodeWav, noise, sine, type Pcm } from './audio-writers';
import { audioTempDir, FIXTURES } from './helpers';
import { repeatMp3 } from './mp3-frames';

const temp = audioTempDir();
const FAULTY_WORKER = fileURLToPath(new URL('./workers/faulty-worker.ts', import.meta.url));

const pools: PeaksWorkerPool[] = [];
function pool(options: PeaksPoolOptions = {}): PeaksWorkerPool {
  const created = new PeaksWorkerPool(options);
  pools.push(created);
  return created;
}
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});
afterAll(() => temp.cleanup());

const pcm: Pcm = {
  sampleRate: 44100,
  format: { kind: 'int', bits: 24 },
  channels: [sine(88200, 44100, 440, 0.7), noise(88200, 0.3, 4)],
};
const wavPath = temp.write('pool.wav', encodeWav(pcm));
const aiffPath = temp.write('pool.aiff', encodeAiff(pcm));
/** About 4 minutes of MP3: long enough that decoding it takes a visible while. */
const longMp3Path = temp.write(
  'long.mp3',
  repeatMp3(readFileSync(join(FIXTURES, 'tone-silence-44k1-mono.mp3')), 400),
);

describe('results', () => {
  test('the worker returns exactly what computePeaks returns in process', async () => {
    const peaks = pool({ size: 1 });
    const paths = [
      wavPath,
      aiffPath,
      join(FIXTURES, 'tone-silence-44k1-stereo-16.flac'),
      join(FIXTURES, 'tone-silence-48k-stereo.mp3'),
    ];
    for (const path of paths) {
      const [inWorker, inProcess] = await Promise.all([
        peaks.peaks(path, 300),
        computePeaks(path, { points: 300 }),
      ]);
      expect(inWorker.peaks).toBeInstanceOf(Float32Array);
      expect(inWorker).toEqual(inProcess);
    }
  });

  test('errors arrive typed: UnreadableAudioError with its reason', async () => {
    const peaks = pool({ size: 1 });
    const missing = peaks.peaks(join(temp.dir, 'nope.wav'));
    await expect(missing).rejects.toBeInstanceOf(UnreadableAudioError);
    await expect(missing).rejects.toMatchObject({ code: 'unreadable', reason: 'missing' });
    const garbage = temp.write('garbage.wav', new Uint8Array(noise(1000, 1).buffer));
    await expect(peaks.peaks(garbage)).rejects.toMatchObject({
      code: 'unreadable',
      reason: 'unknown_format',
    });
  });

  test('bad points are refused before any worker is involved', async () => {
    const peaks = pool({ size: 1 });
    await expect(peaks.peaks(wavPath, 15)).rejects.toBeInstanceOf(RangeError);
    await expect(peaks.peaks(wavPath, 20_001)).rejects.toBeInstanceOf(RangeError);
    expect(peaks.stats.workers).toBe(0);
  });

  test('a queue of jobs on two workers all complete, in any order, each with its own result', async () => {
    const peaks = pool({ size: 2 });
    const points = [16, 100, 1000, 20_000, 64, 512];
    const results = await Promise.all(points.map((n, i) => peaks.peaks(i % 2 ? aiffPath : wavPath, n)));
    results.forEach((result, i) => {
      expect(result.points).toBe(points[i]);
      expect(result.peaks.length).toBe(2 * points[i]!);
    });
    expect(peaks.stats).toMatchObject({ busy: 0, queued: 0, crashes: 0 });
    expect(peaks.stats.workers).toBeLessThanOrEqual(2);
  });
});

describe('the main thread', () => {
  test('keeps ticking while a long file is analysed in the worker', async () => {
    const peaks = pool({ size: 1 });
    await peaks.peaks(wavPath, 16); // start the worker first: its start-up is not what we measure
    const ticks: number[] = [];
    const timer = setInterval(() => ticks.push(performance.now()), 5);
    const started = performance.now();
    const result = await peaks.peaks(longMp3Path, 1000);
    const elapsed = performance.now() - started;
    clearInterval(timer);
    expect(result.durationSeconds).toBeGreaterThan(200);
    const gaps = ticks.slice(1).map((at, i) => at - ticks[i]!);
    // The decode takes a few hundred ms; through it all, the loop never stalls.
    expect(elapsed).toBeGreaterThan(100);
    expect(ticks.length).toBeGreaterThan(elapsed / 5 / 4);
    expect(Math.max(...gaps)).toBeLessThan(100);
  });
});

describe('failures', () => {
  test('a worker that crashes fails its job as worker_crashed; the pool carries on', async () => {
    const peaks = pool({ size: 1, workerScript: FAULTY_WORKER });
    for (const fault of ['CRASH', 'THROW']) {
      const failed = peaks.peaks(join(temp.dir, fault));
      await expect(failed).rejects.toBeInstanceOf(UnreadableAudioError);
      await expect(failed).rejects.toMatchObject({ reason: 'worker_crashed' });
      expect((await peaks.peaks(wavPath, 50)).points).toBe(50);
    }
    expect(peaks.stats.crashes).toBe(2);
  });

  test('a worker that runs out of heap is contained the same way', async () => {
    const peaks = pool({ size: 1, workerScript: FAULTY_WORKER, maxHeapMb: 32 });
    await expect(peaks.peaks(join(temp.dir, 'OOM'))).rejects.toMatchObject({ reason: 'worker_crashed' });
    expect((await peaks.peaks(wavPath, 50)).points).toBe(50);
  });

  test('a worker entry that cannot load fails each job; the queue never wedges', async () => {
    const peaks = pool({ size: 1, workerScript: join(temp.dir, 'no-such-worker.js') });
    const jobs = [peaks.peaks(wavPath), peaks.peaks(aiffPath), peaks.peaks(wavPath)];
    for (const job of jobs) await expect(job).rejects.toMatchObject({ reason: 'worker_crashed' });
    expect(peaks.stats).toMatchObject({ busy: 0, queued: 0 });
  });

  test('a hung worker times out, is replaced, and the next job succeeds', async () => {
    const peaks = pool({ size: 1, workerScript: FAULTY_WORKER, timeoutMs: 500 });
    // Worker up (its start-up given room on a busy machine), so the limit measures the hang alone.
    await peaks.peaks(wavPath, 16, { timeoutMs: 30_000 });
    const started = performance.now();
    await expect(peaks.peaks(join(temp.dir, 'HANG'))).rejects.toBeInstanceOf(PeaksTimeoutError);
    expect(performance.now() - started).toBeLessThan(5_000);
    // The replacement's start-up counts against the next job's limit: give it room on a busy machine.
    expect((await peaks.peaks(wavPath, 50, { timeoutMs: 30_000 })).points).toBe(50);
    expect(peaks.stats.crashes).toBe(0); // terminated on purpose: not a crash
  });

  test('a per-job time limit overrides the pool default', async () => {
    const peaks = pool({ size: 1, workerScript: FAULTY_WORKER });
    await peaks.peaks(wavPath, 16);
    await expect(peaks.peaks(join(temp.dir, 'HANG'), 1000, { timeoutMs: 300 })).rejects.toMatchObject({
      code: 'timeout',
    });
  });
});

describe('cancellation', () => {
  test('a running job stops when its signal fires; the worker stays and serves the next job', async () => {
    const peaks = pool({ size: 1 });
    await peaks.peaks(wavPath, 16);
    const controller = new AbortController();
    const job = peaks.peaks(longMp3Path, 1000, { signal: controller.signal });
    setTimeout(() => controller.abort(), 30);
    await expect(job).rejects.toBeInstanceOf(PeaksCancelledError);
    expect((await peaks.peaks(wavPath, 50)).points).toBe(50);
    expect(peaks.stats.crashes).toBe(0);
  });

  test('a queued job is dropped without running; the running one is unaffected', async () => {
    const peaks = pool({ size: 1 });
    const controller = new AbortController();
    const first = peaks.peaks(longMp3Path, 100);
    const second = peaks.peaks(wavPath, 100, { signal: controller.signal });
    expect(peaks.stats.queued).toBe(1);
    controller.abort();
    await expect(second).rejects.toMatchObject({ code: 'cancelled', name: 'AbortError' });
    expect(peaks.stats.queued).toBe(0);
    expect((await first).points).toBe(100);
  });

  test('a job deaf to cancel is terminated after the grace period', async () => {
    const peaks = pool({ size: 1, workerScript: FAULTY_WORKER, cancelGraceMs: 200 });
    await peaks.peaks(wavPath, 16);
    const controller = new AbortController();
    const hung = peaks.peaks(join(temp.dir, 'HANG'), 1000, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(hung).rejects.toBeInstanceOf(PeaksCancelledError);
    expect((await peaks.peaks(wavPath, 50)).points).toBe(50); // waited for the replacement worker
  });

  test('an already aborted signal rejects at once', async () => {
    const peaks = pool({ size: 1 });
    await expect(peaks.peaks(wavPath, 100, { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(
      PeaksCancelledError,
    );
    expect(peaks.stats.workers).toBe(0);
  });

  test('close() cancels what is pending and refuses new jobs', async () => {
    const peaks = pool({ size: 1 });
    const outcome = (job: Promise<unknown>): Promise<unknown> =>
      job.then(
        () => 'resolved',
        (error: unknown) => error,
      );
    const running = outcome(peaks.peaks(longMp3Path, 100));
    const queued = outcome(peaks.peaks(wavPath, 100));
    await peaks.close();
    expect(await running).toBeInstanceOf(PeaksCancelledError);
    expect(await queued).toBeInstanceOf(PeaksCancelledError);
    await expect(peaks.peaks(wavPath, 100)).rejects.toBeInstanceOf(PeaksCancelledError);
    expect(peaks.stats.workers).toBe(0);
  });
});

describe('lifecycle', () => {
  test('an idle worker exits after idleTimeoutMs; the next job starts a new one', async () => {
    const peaks = pool({ size: 1, idleTimeoutMs: 100 });
    await peaks.peaks(wavPath, 16);
    expect(peaks.stats.workers).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(peaks.stats.workers).toBe(0);
    expect((await peaks.peaks(wavPath, 16)).points).toBe(16);
  });

  test('an idle pool never keeps a process alive', async () => {
    const script = fileURLToPath(new URL('./workers/pool-without-close.ts', import.meta.url));
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', tsx, script, wavPath], {
      timeout: 20_000,
    });
    expect(JSON.parse(stdout)).toEqual({ points: 64, channels: 2 });
  });
});
