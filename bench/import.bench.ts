// `npm run bench:import`: a generated tree of 10,000 projects (mixed kinds, one in ten with a
// ~250 KB WAV mixdown in an export folder); in the same run `find` walks it. Prints the scan time,
// scan + import with generatePreviews (mixdowns found, attached, peaks computed), find's time and
// the scan/find ratio. Targets: scan within 3x of find; scan + import under 15 s.
import { open, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../src/main/core/create-core';
import { collectScan } from '../src/main/core/scan';
import { generateProjectTree, timeFind } from './import-tree';
import { formatTable } from './lib/timing';

const PROJECTS = Number(process.env.BENCH_PROJECTS ?? 10_000);
const RUNS = 3;

/** Turns a sparse placeholder into a valid 16-bit stereo 44.1 kHz WAV of silence, same size. */
async function writeWavHeader(path: string, size: number): Promise<void> {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(size - 8, 4);
  header.write('WAVEfmt ', 8, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(2, 22);
  header.writeUInt32LE(44_100, 24);
  header.writeUInt32LE(44_100 * 4, 28);
  header.writeUInt16LE(4, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(size - 44, 40);
  const file = await open(path, 'r+');
  try {
    await file.write(header, 0, 44, 0);
  } finally {
    await file.close();
  }
}

const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main(): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'sessiondock-bench-import-'));
  const dataDir = await mkdtemp(join(tmpdir(), 'sessiondock-bench-import-lib-'));
  try {
    const tree = await generateProjectTree(root, {
      projects: PROJECTS,
      mixdownEvery: 10,
      mixdownBytes: 250_000,
    });
    for (const project of tree.list)
      if (project.mixdownPath) await writeWavHeader(project.mixdownPath, 250_000);
    console.log(
      `Tree: ${tree.projects} projects, ${tree.mixdowns} mixdowns, ${tree.files} files, ${tree.folders} folders.\n`,
    );

    // Warm the page cache once, then alternate find and the scanner.
    await timeFind(root);
    const findMs: number[] = [];
    const scanMs: number[] = [];
    let found = 0;
    for (let run = 0; run < RUNS; run++) {
      findMs.push(await timeFind(root));
      const started = performance.now();
      found = (await collectScan(root)).projects.length;
      scanMs.push(performance.now() - started);
    }

    const core = createCore({ dataDir: join(dataDir, 'data') });
    const started = performance.now();
    const { projects } = await collectScan(root);
    const importStatus = core.imports.start({
      generatePreviews: true,
      items: projects.map((project) => ({ projectPath: project.path })),
    });
    const answeredMs = performance.now() - started;
    const done = await core.imports.whenDone(importStatus.importId, 120_000);
    const totalMs = performance.now() - started;
    const previews = core.db.prepare('SELECT count(*) FROM previews').pluck().get() as number;
    const peaks = core.db.prepare('SELECT count(*) FROM waveform_cache').pluck().get() as number;
    core.close();

    const ratio = median(scanMs) / median(findMs);
    console.log(
      formatTable(
        ['measure', 'value', 'target', 'result'],
        [
          ['find -type f (median of 3)', `${median(findMs).toFixed(0)} ms`, '', ''],
          [`scan (median of 3, ${found} projects)`, `${median(scanMs).toFixed(0)} ms`, '', ''],
          ['scan / find', `${ratio.toFixed(2)}x`, '<= 3x', ratio <= 3 ? 'PASS' : 'MISS'],
          ['scan done and import queued after', `${answeredMs.toFixed(0)} ms`, '', ''],
          [
            `scan + import with previews (${done.completed} imported, ${previews} previews, ${peaks} peaks)`,
            `${(totalMs / 1000).toFixed(2)} s`,
            '< 15 s',
            totalMs < 15_000 ? 'PASS' : 'MISS',
          ],
        ],
      ),
    );
  } finally {
    await rm(root, { recursive: true, force: true });
    await rm(dataDir, { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
