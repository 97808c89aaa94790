import type * as FsPromises from 'node:fs/promises';
import { realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { generateProjectTree } from '../../bench/import-tree';
import { scanProjects } from '../../src/main/core/scan';
import { buildTree, collect, describeProjects, file, makeTempDir, removeTempDirs } from './fixtures';

/**
 * The scanner's I/O seen from underneath: `readdir` is wrapped to count listings, measure how many
 * run at once, and fail chosen folders with a chosen error code. That covers unreadable folders
 * whatever user runs the tests (root reads through chmod 000), and shows streaming, backpressure
 * and stopping in terms of listings done rather than of timings.
 */
const io = vi.hoisted(() => ({
  failing: new Map<string, string>(),
  started: 0,
  finished: 0,
  inFlight: 0,
  maxInFlight: 0,
}));

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof FsPromises>();
  const readdir = (async (...args: Parameters<typeof actual.readdir>) => {
    const path = String(args[0]);
    io.started++;
    io.inFlight++;
    io.maxInFlight = Math.max(io.maxInFlight, io.inFlight);
    try {
      const code = io.failing.get(path);
      if (code !== undefined)
        throw Object.assign(new Error(`${code}: mocked failure, scandir '${path}'`), { code });
      return await actual.readdir(...args);
    } finally {
      io.inFlight--;
      io.finished++;
    }
  }) as typeof actual.readdir;
  return { ...actual, readdir, default: { ...actual, readdir } };
});

function resetCounters(): void {
  io.started = 0;
  io.finished = 0;
  io.inFlight = 0;
  io.maxInFlight = 0;
}

beforeEach(() => {
  io.failing.clear();
  resetCounters();
});
afterEach(removeTempDirs);

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits until no listing is in flight and none has started for 100 ms (at most 5 s, so a loaded
 * machine's slow reads cannot make a paused walk look active), then returns how many started.
 */
async function settledListings(): Promise<number> {
  const deadline = performance.now() + 5000;
  let before = -1;
  while (performance.now() < deadline) {
    if (io.inFlight === 0 && io.started === before) return before;
    before = io.started;
    await pause(100);
  }
  return io.started;
}

describe('scanProjects: unreadable folders', () => {
  it.each([
    ['EACCES', 'permission denied'],
    ['EPERM', 'permission denied'],
    ['EIO', 'input/output error (disk or network volume)'],
    ['ETIMEDOUT', 'timed out (network volume)'],
  ])('reports a folder failing with %s as a problem and scans the rest', async (code, reason) => {
    const root = await realpath(await makeTempDir());
    await buildTree(root, {
      'A/Song.als': file(),
      'Locked/Inside.als': file(),
      'Locked/Deeper/Also.flp': file(),
      'Z/Last.rpp': file(),
    });
    io.failing.set(join(root, 'Locked'), code);
    const { projects, problems, summary } = await collect(root);
    expect(describeProjects(root, projects)).toEqual(['A/Song.als → Ableton', 'Z/Last.rpp → Reaper']);
    expect(problems).toEqual([{ type: 'problem', path: join(root, 'Locked'), reason, code }]);
    expect(summary).toMatchObject({ projects: 2, problems: 1 });
  });

  it('keeps the system message for an error it has no words for', async () => {
    const root = await realpath(await makeTempDir());
    await buildTree(root, { 'Odd/x.als': file() });
    io.failing.set(join(root, 'Odd'), 'EWEIRD');
    const { problems } = await collect(root);
    expect(problems).toMatchObject([{ code: 'EWEIRD', reason: expect.stringContaining('mocked failure') }]);
  });

  it('many unreadable folders are each counted, none stops the walk', async () => {
    const root = await realpath(await makeTempDir());
    const spec: Record<string, ReturnType<typeof file>> = {};
    for (let i = 0; i < 20; i++) spec[`Folder ${i}/Song ${i}.als`] = file();
    await buildTree(root, spec);
    for (let i = 0; i < 20; i += 2) io.failing.set(join(root, `Folder ${i}`), 'EACCES');
    const { projects, problems } = await collect(root);
    expect(projects).toHaveLength(10);
    expect(problems).toHaveLength(10);
  });
});

describe('scanProjects: streaming, backpressure, concurrency', () => {
  it('yields the first project after a small part of the tree has been listed', async () => {
    const root = await realpath(await makeTempDir());
    const tree = await generateProjectTree(root, { projects: 600, seed: 7 });
    resetCounters();
    const scan = scanProjects(root);
    const first = await scan.next();
    const listedAtFirst = io.finished;
    expect(first.done).toBe(false);
    let projects = !first.done && first.value.type === 'project' ? 1 : 0;
    for (;;) {
      const step = await scan.next();
      if (step.done) {
        expect(step.value.projects).toBe(tree.projects);
        expect(step.value.directories).toBe(io.finished);
        break;
      }
      if (step.value.type === 'project') projects++;
    }
    expect(projects).toBe(tree.projects);
    expect(io.finished).toBeGreaterThan(2000);
    expect(listedAtFirst).toBeLessThan(io.finished / 20);
  });

  it('pauses listing while the caller does not take what it found, then resumes', async () => {
    const root = await realpath(await makeTempDir());
    const tree = await generateProjectTree(root, { projects: 300, seed: 21 });
    resetCounters();
    const scan = scanProjects(root, { highWaterMark: 4 });
    await scan.next();
    const listedWhilePaused = await settledListings();
    expect(io.inFlight).toBe(0);
    let rest = 0;
    for (;;) {
      const step = await scan.next();
      if (step.done) break;
      rest++;
    }
    expect(rest + 1).toBe(tree.projects);
    expect(io.started).toBeGreaterThan(listedWhilePaused * 5);
  });

  it('stops listing once the caller breaks out of the loop', async () => {
    const root = await realpath(await makeTempDir());
    await generateProjectTree(root, { projects: 300, seed: 22 });
    resetCounters();
    for await (const item of scanProjects(root)) {
      if (item.type === 'project') break;
    }
    const afterBreak = io.started;
    expect(await settledListings()).toBe(afterBreak);
    expect(afterBreak).toBeLessThan(300);
  });

  it('stops listing once the signal aborts', async () => {
    const root = await realpath(await makeTempDir());
    await generateProjectTree(root, { projects: 300, seed: 23 });
    resetCounters();
    const controller = new AbortController();
    let yielded = 0;
    for await (const _item of scanProjects(root, { signal: controller.signal })) {
      yielded++;
      controller.abort();
    }
    const afterAbort = io.started;
    expect(yielded).toBe(1);
    expect(await settledListings()).toBe(afterAbort);
  });

  it.each([1, 3, 12])('keeps at most %i listings in flight', async (concurrency) => {
    const root = await realpath(await makeTempDir());
    await generateProjectTree(root, { projects: 150, seed: 24 });
    resetCounters();
    await collect(root, { concurrency });
    expect(io.maxInFlight).toBeLessThanOrEqual(concurrency);
    if (concurrency > 1) expect(io.maxInFlight).toBeGreaterThan(1);
  });
});
