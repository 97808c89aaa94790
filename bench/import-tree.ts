/**
 * A realistic folder of DAW projects for the import/scan benchmark, and `find` as the yardstick.
 *
 *   tsx bench/import-tree.ts            # 10,000 projects in a temp folder: scan vs find, then removed
 *
 * Environment: BENCH_PROJECTS (default 10000), BENCH_SEED (default 20240917), BENCH_RUNS (timed
 * runs of each, default 5), BENCH_CONCURRENCY (the scanner's, default its own), BENCH_KEEP=1 (keep the tree and print where it is).
 *
 * The tree: <root>/Clients/<client>/<year>/<project folder>/…, every kind in the table (bundles
 * included), the folders DAWs keep beside a project (Backup/, History/, Session File Backups/,
 * Samples/, Audio Files/, Media/, Ableton Project Info/) with the decoys in them that a scan must
 * not count, plugin bundles and hidden folders holding project-like files, and one project in
 * `mixdownEvery` with a mixdown in an export folder. Audio files are sparse (truncate), so a
 * 10,000-project tree takes seconds to write and little disk.
 *
 * Generator only: nothing here reads or changes anything outside the root it is given.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, truncate, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { SessionKind } from '../src/shared/domain';
import { generateClients, TITLE_FIRST_WORDS, TITLE_SECOND_WORDS } from './lib/library-generator';
import { Random } from './lib/random';

export interface ProjectTreeOptions {
  projects?: number;
  /** One project in this many gets a mixdown in an export folder (0: none). */
  mixdownEvery?: number;
  mixdownBytes?: number;
  seed?: number;
  /** Projects written at once. */
  concurrency?: number;
}

/** A project the scan must find, as the scanner reports it. */
export interface GeneratedProject {
  path: string;
  kind: SessionKind;
  isBundle: boolean;
  /** The mixdown written for it, if any (the only one detection may return for it). */
  mixdownPath: string | null;
}

export interface ProjectTreeCounts {
  projects: number;
  bundles: number;
  byKind: Partial<Record<SessionKind, number>>;
  mixdowns: number;
  /** Project-like files or bundles the scan must skip (backups, inside bundles, hidden, plugins). */
  decoys: number;
  /** Audio files that are not mixdowns (samples, recordings, freeze files, small previews). */
  otherAudio: number;
  folders: number;
  files: number;
  ms: number;
  list: GeneratedProject[];
}

const YEARS = ['2019', '2020', '2021', '2022', '2023', '2024', '2025'];
const EXPORT_FOLDERS = [
  'Bounces',
  'Bounces',
  'Bounces',
  'Exports',
  'Mixdown',
  'Renders',
  'Masters',
  'export',
];
const MIX_WORDS = ['mix', 'master', 'final', 'v2', 'print', 'bounce'];

/** Relative weights: roughly how often each DAW turns up in a producer's folder. */
const KIND_WEIGHTS: readonly (readonly [SessionKind, number])[] = [
  ['Ableton', 30],
  ['Logic Pro', 15],
  ['FL Studio', 14],
  ['Reaper', 10],
  ['Cubase', 8],
  ['Studio One', 8],
  ['Pro Tools', 6],
  ['Bitwig', 3],
  ['Nuendo', 2],
  ['GarageBand', 2],
  ['DAWproject', 2],
];

/** What to create for one project, relative to the year folder. */
interface ProjectPlan {
  folders: string[];
  files: string[];
  /** [relative path, bytes, mtime ms] — sparse audio. */
  audio: [string, number, number][];
  project: string;
  isBundle: boolean;
  decoys: number;
}

export async function generateProjectTree(
  root: string,
  options: ProjectTreeOptions = {},
): Promise<ProjectTreeCounts> {
  const started = performance.now();
  const total = options.projects ?? 10_000;
  const mixdownEvery = options.mixdownEvery ?? 10;
  const mixdownBytes = options.mixdownBytes ?? 250_000;
  const random = new Random(options.seed ?? 20240917);
  const clients = generateClients(
    options.seed ?? 20240917,
    Math.max(1, Math.min(300, Math.ceil(total / 40))),
  );
  const kinds = KIND_WEIGHTS.map(([kind]) => kind);
  const weights = KIND_WEIGHTS.map(([, weight]) => weight);
  const now = Date.UTC(2025, 5, 1);

  const counts: ProjectTreeCounts = {
    projects: 0,
    bundles: 0,
    byKind: {},
    mixdowns: 0,
    decoys: 0,
    otherAudio: 0,
    folders: 0,
    files: 0,
    ms: 0,
    list: [],
  };

  // Plan everything first (cheap, deterministic), then write with bounded concurrency.
  const plans: { base: string; plan: ProjectPlan; kind: SessionKind; mixdown: string | null }[] = [];
  for (let index = 0; index < total; index++) {
    const kind = random.weighted(kinds, weights);
    const title = `${random.pick(TITLE_FIRST_WORDS)} ${random.pick(TITLE_SECOND_WORDS)} ${index + 1}`;
    const base = join(root, 'Clients', random.pick(clients), random.pick(YEARS));
    const plan = planProject(kind, title, random, now);
    let mixdown: string | null = null;
    if (mixdownEvery > 0 && index % mixdownEvery === 0) {
      const folder = random.pick(EXPORT_FOLDERS);
      const projectFolder = plan.project.includes('/')
        ? plan.project.slice(0, plan.project.indexOf('/'))
        : '';
      mixdown = join(projectFolder, folder, `${title} ${random.pick(MIX_WORDS)}.wav`);
      plan.folders.push(join(projectFolder, folder));
      plan.audio.push([mixdown, mixdownBytes, now - random.int(1, 900) * 86_400_000]);
      // Some exports also hold a short preview clip under the 200 KB floor.
      if (random.chance(0.3)) {
        plan.audio.push([join(projectFolder, folder, `${title} clip.mp3`), random.int(20_000, 150_000), now]);
      }
      counts.mixdowns++;
    }
    plans.push({ base, plan, kind, mixdown: mixdown === null ? null : join(base, mixdown) });
    counts.projects++;
    counts.byKind[kind] = (counts.byKind[kind] ?? 0) + 1;
    if (plan.isBundle) counts.bundles++;
    counts.decoys += plan.decoys;
    counts.otherAudio += plan.audio.length - (mixdown === null ? 0 : 1);
    counts.files += plan.files.length + plan.audio.length;
    counts.list.push({
      path: join(base, plan.project),
      kind,
      isBundle: plan.isBundle,
      mixdownPath: mixdown === null ? null : join(base, mixdown),
    });
  }

  await runLimited(plans, options.concurrency ?? 32, async ({ base, plan }) => {
    for (const folder of plan.folders) await mkdir(join(base, folder), { recursive: true });
    for (const file of plan.files) await writeFile(join(base, file), 'SessionDock bench\n');
    for (const [file, bytes, mtimeMs] of plan.audio) {
      const path = join(base, file);
      await writeFile(path, '');
      await truncate(path, bytes);
      await utimes(path, mtimeMs / 1000, mtimeMs / 1000);
    }
  });
  counts.decoys += await writeNoise(root);

  counts.folders = countFolders(
    plans.map(({ base, plan }) => plan.folders.map((f) => join(base, f))).flat(),
    root,
  );
  counts.ms = performance.now() - started;
  return counts;
}

function planProject(kind: SessionKind, title: string, random: Random, now: number): ProjectPlan {
  const recent = (): number => now - random.int(1, 1500) * 86_400_000;
  const sample = (path: string): [string, number, number] => [path, random.int(50_000, 2_000_000), recent()];
  const plan = (folder: string, project: string, isBundle = false): ProjectPlan => ({
    folders: [folder],
    files: [],
    audio: [],
    project: join(folder, project),
    isBundle,
    decoys: 0,
  });
  switch (kind) {
    case 'Ableton': {
      const p = plan(`${title} Project`, `${title}.als`);
      const f = `${title} Project`;
      p.folders.push(
        `${f}/Backup`,
        `${f}/Ableton Project Info`,
        `${f}/Samples/Recorded`,
        `${f}/Samples/Processed/Freeze`,
      );
      p.files.push(`${f}/${title}.als`, `${f}/Ableton Project Info/Project8_1.cfg`);
      const backups = random.int(0, 3);
      for (let i = 0; i < backups; i++) p.files.push(`${f}/Backup/${title} [2024-0${i + 1}-12 101500].als`);
      p.decoys += backups;
      p.audio.push(sample(`${f}/Samples/Recorded/${title} mix take 1.wav`));
      p.audio.push(sample(`${f}/Samples/Processed/Freeze/Freeze Master.wav`));
      return p;
    }
    case 'Logic Pro': {
      const p = plan(title, `${title}.logicx`, true);
      const b = `${title}/${title}.logicx`;
      p.folders.push(`${b}/Alternatives/000`, `${b}/Resources`, `${title}/Audio Files`);
      p.files.push(`${b}/Alternatives/000/ProjectData`, `${b}/Resources/ProjectInformation.plist`);
      p.files.push(`${b}/Alternatives/000/Imported.als`); // inside the bundle: not a project
      p.decoys += 1;
      p.audio.push(sample(`${title}/Audio Files/${title}#01.wav`));
      return p;
    }
    case 'GarageBand': {
      const p = plan(title, `${title}.band`, true);
      p.folders.push(`${title}/${title}.band/Output`);
      p.files.push(`${title}/${title}.band/projectData`);
      return p;
    }
    case 'FL Studio': {
      const p = plan(title, `${title}.flp`);
      p.folders.push(`${title}/Samples`);
      p.files.push(`${title}/${title}.flp`);
      p.audio.push(sample(`${title}/Samples/kick final.wav`));
      return p;
    }
    case 'Reaper': {
      const p = plan(title, `${title}.rpp`);
      p.folders.push(`${title}/Media`);
      p.files.push(`${title}/${title}.rpp`, `${title}/${title}.rpp-bak`);
      p.decoys += 1;
      p.audio.push(sample(`${title}/Media/${title} master-01.wav`));
      return p;
    }
    case 'Cubase':
    case 'Nuendo': {
      const extension = kind === 'Cubase' ? '.cpr' : '.npr';
      const p = plan(title, `${title}${extension}`);
      p.folders.push(`${title}/Audio`, `${title}/Edits`);
      p.files.push(`${title}/${title}${extension}`, `${title}/${title}.bak`);
      p.audio.push(sample(`${title}/Audio/Vox_01.wav`));
      return p;
    }
    case 'Studio One': {
      const p = plan(title, `${title}.song`);
      p.folders.push(`${title}/History`, `${title}/Media`);
      p.files.push(`${title}/${title}.song`, `${title}/History/${title} (2).song`);
      p.decoys += 1;
      return p;
    }
    case 'Pro Tools': {
      const extension = random.chance(0.2) ? '.ptf' : '.ptx';
      const p = plan(title, `${title}${extension}`);
      p.folders.push(`${title}/Session File Backups`, `${title}/Audio Files`);
      p.files.push(`${title}/${title}${extension}`, `${title}/Session File Backups/${title}.bak.0001.ptx`);
      p.decoys += 1;
      p.audio.push(sample(`${title}/Audio Files/Bounce_01.wav`));
      return p;
    }
    case 'Bitwig': {
      const p = plan(title, `${title}.bwproject`);
      p.folders.push(`${title}/samples`);
      p.files.push(`${title}/${title}.bwproject`);
      return p;
    }
    default: {
      const p = plan(title, `${title}.dawproject`);
      p.files.push(`${title}/${title}.dawproject`);
      return p;
    }
  }
}

/** Plugin bundles and hidden folders with project-like files inside: none may be found. */
async function writeNoise(root: string): Promise<number> {
  const decoys = [
    'Plugins/Serum.vst3/Contents/Resources/Factory.als',
    'Plugins/Kontakt.component/Contents/Demo.flp',
    'Plugins/Legacy.vst/Contents/Demo.rpp',
    'Plugins/EQ.aaxplugin/Contents/Demo.ptx',
    'Plugins/Helper.app/Contents/Template.song',
    '.Trash/Deleted Song/Deleted Song.als',
    'Clients/.cache/old.cpr',
  ];
  for (const decoy of decoys) {
    await mkdir(join(root, decoy, '..'), { recursive: true });
    await writeFile(join(root, decoy), 'decoy\n');
  }
  await writeFile(join(root, '.DS_Store'), '');
  return decoys.length;
}

function countFolders(paths: string[], root: string): number {
  const all = new Set<string>();
  for (const path of paths) {
    for (let current = path; current.length > root.length; current = join(current, '..')) {
      if (all.has(current)) break;
      all.add(current);
    }
  }
  return all.size;
}

async function runLimited<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/**
 * Milliseconds for `find <root> -type f` to walk the tree. Its output goes to /dev/null, so the
 * figure is the walk alone (no pipe into this process): the strictest yardstick for the scanner.
 */
export function timeFind(root: string): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawn('find', [root, '-type', 'f'], { stdio: ['ignore', 'ignore', 'ignore'] });
    child.once('error', reject);
    child.once('close', (code) => {
      const ms = performance.now() - started;
      if (code === 0) resolvePromise(ms);
      else reject(new Error(`find exited with ${code}`));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Run directly: generate, then time find and the scanner on the same (warm) tree.
// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const { collectScan, findMixdowns } = await import('../src/main/core/scan');
  const projects = Number(process.env.BENCH_PROJECTS ?? 10_000);
  const runs = Number(process.env.BENCH_RUNS ?? 5);
  const concurrency = process.env.BENCH_CONCURRENCY ? Number(process.env.BENCH_CONCURRENCY) : undefined;
  const root = await mkdtemp(join(tmpdir(), 'sessiondock-import-tree-'));
  try {
    const tree = await generateProjectTree(root, {
      projects,
      seed: Number(process.env.BENCH_SEED ?? 20240917),
    });
    console.log(
      `tree: ${tree.projects} projects (${tree.bundles} bundles), ${tree.decoys} decoys, ` +
        `${tree.mixdowns} mixdowns, ${tree.files} files, ${tree.folders} folders, written in ${tree.ms.toFixed(0)} ms`,
    );
    // Warm the page cache and the JIT once each, so both sides are timed on equal terms.
    await timeFind(root);
    await collectScan(root);
    const findMs: number[] = [];
    const scanMs: number[] = [];
    let foundPaths: string[] = [];
    for (let run = 0; run < runs; run++) {
      findMs.push(await timeFind(root));
      const started = performance.now();
      const result = await collectScan(root, { concurrency });
      scanMs.push(performance.now() - started);
      foundPaths = result.projects.map((project) => `${project.path} ${project.kind} ${project.isBundle}`);
    }
    const expected = new Set(
      tree.list.map((project) => `${project.path} ${project.kind} ${project.isBundle}`),
    );
    const wrong = foundPaths.filter((line) => !expected.has(line)).length;
    const found = foundPaths.length - wrong;
    const median = (values: number[]): number => [...values].sort((a, b) => a - b)[values.length >> 1]!;
    const find = median(findMs);
    const scan = median(scanMs);
    console.log(
      `find -type f: median ${find.toFixed(0)} ms (${findMs.map((ms) => ms.toFixed(0)).join(', ')})`,
    );
    console.log(
      `scanProjects: median ${scan.toFixed(0)} ms (${scanMs.map((ms) => ms.toFixed(0)).join(', ')})`,
    );
    console.log(
      `found ${found} of ${tree.projects} projects; scan / find = ${(scan / find).toFixed(2)} (target ≤ 3)`,
    );
    if (found !== tree.projects || wrong > 0) {
      console.log(`MISS: ${tree.projects - found} projects not found, ${wrong} found that are not projects`);
      process.exitCode = 1;
    }

    // Mixdown detection for every project, as an import with generatePreviews does it.
    const detectStarted = performance.now();
    let right = 0;
    let falsePositives = 0;
    let missed = 0;
    await runLimited(tree.list, 8, async (project) => {
      const mixdowns = await findMixdowns(project.path, project.kind);
      const paths = mixdowns.map((mixdown) => mixdown.path);
      if (project.mixdownPath !== null && paths.includes(project.mixdownPath)) right++;
      else if (project.mixdownPath !== null) missed++;
      falsePositives += paths.filter((path) => path !== project.mixdownPath).length;
    });
    const detectMs = performance.now() - detectStarted;
    console.log(
      `findMixdowns for all ${tree.projects} projects: ${detectMs.toFixed(0)} ms ` +
        `(${((detectMs * 1000) / tree.projects).toFixed(0)} µs each); ${right} of ${tree.mixdowns} mixdowns found, ` +
        `${missed} missed, ${falsePositives} other files taken`,
    );
    if (missed > 0 || falsePositives > 0) process.exitCode = 1;
  } finally {
    if (process.env.BENCH_KEEP === '1') console.log(`kept: ${root}`);
    else await rm(root, { recursive: true, force: true });
  }
}

// Runs only as a script (tsx runs bench files as CommonJS); importing it just gets the exports.
if (typeof module !== 'undefined' && typeof require !== 'undefined' && require.main === module) {
  void main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
