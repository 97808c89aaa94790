/**
 * Collections benchmark (issue 13): a 100,000-session library (generated at run time) with a
 * 10,000-session manual collection in a random order and a smart collection, and the list's p95
 * for `collection=<id>` next to the plain list's p95 for the same page, measured in the same run.
 * Done when: "collections of 10,000 sessions list as fast as the plain list (same p95 target)".
 *
 *   npm run bench:collections
 *   BENCH_COLLECTIONS_SESSIONS=20000 BENCH_COLLECTION_SIZE=2000 npm run bench:collections
 *
 * Environment: BENCH_COLLECTIONS_SESSIONS (library size, default 100000), BENCH_COLLECTION_SIZE
 * (members of the manual collection, default 10000), BENCH_SEED (default 20240917).
 *
 * Prints; never asserts: a MISS does not fail the run, but an operation that throws does.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core } from '../src/main/core/create-core';
import { seedLibrary, TAG_VOCABULARY } from './lib/library-generator';
import { Random } from './lib/random';
import { formatMs, formatTable, measure, timeOnce, type Summary } from './lib/timing';

const SESSIONS = Number((process.env.BENCH_COLLECTIONS_SESSIONS ?? '100000').replaceAll('_', ''));
const MEMBERS = Number((process.env.BENCH_COLLECTION_SIZE ?? '10000').replaceAll('_', ''));
const SEED = Number(process.env.BENCH_SEED ?? 20240917);

/** The plain list's targets (bench/store.bench.ts): pages p95 < 5 ms, searches p95 < 20 ms. */
const TARGETS = { listP95: 5, searchP95: 20 };

const SEARCHES = ['drums', 'vocals', 'mix', 'bass', 'synth', 'revision', 'stems', 'mastering', 'edm', 'kick'];

interface Pair {
  name: string;
  target: number;
  iterations: number;
  /** The plain list's query for the same page, or null when there is no equivalent. */
  plain: ((i: number) => Record<string, unknown>) | null;
  collection: (i: number) => Record<string, unknown>;
  /** Untimed work before each timed call of both (a write: nothing remembered helps). */
  prepare?: (i: number) => void;
  /** Printed for information (as bench:store prints a plain page after a change). */
  info?: boolean;
}

function main(): void {
  if (!Number.isInteger(SESSIONS) || SESSIONS < 1000)
    throw new Error('BENCH_COLLECTIONS_SESSIONS: at least 1000');
  if (!Number.isInteger(MEMBERS) || MEMBERS < 100 || MEMBERS > SESSIONS)
    throw new Error('BENCH_COLLECTION_SIZE: between 100 and the library size');
  const dataDir = mkdtempSync(join(tmpdir(), 'sessiondock-bench-collections-'));
  let core: Core | undefined;
  try {
    core = createCore({ dataDir, peaksSource: null, projectReader: null });
    const { version } = core.db.prepare('SELECT sqlite_version() AS version').get() as { version: string };
    const cpu = cpus();
    console.log('SessionDock collections benchmark');
    console.log(
      `  node ${process.version}, SQLite ${version}, ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}`,
    );
    console.log(`Seeding ${SESSIONS.toLocaleString('en-US')} sessions (seed ${SEED})…`);
    const seeded = seedLibrary(core, SESSIONS, SEED, { via: 'bulk', lastOpenedFraction: 0.3 });
    console.log(`  insert ${formatMs(seeded.insertMs)} ms`);

    const random = new Random(SEED ^ 0xc011);
    const members = random.shuffle(seeded.ids).slice(0, MEMBERS);
    const manual = core.collections.create({ name: `${MEMBERS.toLocaleString('en-US')} sessions` });
    const filled = timeOnce(() => core!.collections.setSessions(manual.id, { sessionIds: members }));
    const smart = core.collections.create({ name: 'Mixes', query: { tags: 'mix' } });
    console.log(
      `  manual collection: ${filled.result.sessionCount.toLocaleString('en-US')} sessions set in one PUT body ` +
        `(${formatMs(filled.ms)} ms); smart collection {tags: mix}: ${smart.sessionCount.toLocaleString('en-US')} matches`,
    );
    const collectionsList = measure(() => core!.collections.list(), { iterations: 100 });
    console.log(
      `  GET /collections (service, both collections with counts): p95 ${formatMs(collectionsList.p95)} ms`,
    );
    const add = measure(
      (i) => {
        if (i < 0) return;
        core!.collections.addSessions(manual.id, { sessionIds: [seeded.ids[i]!], position: MEMBERS / 2 });
      },
      { iterations: 50, warmup: 0 },
    );
    console.log(
      `  drag one session into the middle (POST …/sessions with position): p95 ${formatMs(add.p95)} ms`,
    );

    runPairs(core, manual.id, smart.id, seeded.ids, random);
  } catch (error) {
    console.error('\nBenchmark failed:', error);
    process.exitCode = 1;
  } finally {
    core?.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function runPairs(
  core: Core,
  manualId: string,
  smartId: string,
  ids: readonly string[],
  random: Random,
): void {
  const cycle = <T>(items: readonly T[], i: number): T =>
    items[((i % items.length) + items.length) % items.length]!;
  const plainDeep = Math.floor(SESSIONS / 2 / 50) * 50;
  const memberDeep = Math.floor(MEMBERS / 2 / 50) * 50;
  const tagPairs = Array.from({ length: 30 }, () => {
    const head = TAG_VOCABULARY.slice(0, 16);
    const a = random.pick(head);
    const b = random.pick(head.filter((tag) => tag !== a));
    return `${a},${b}`;
  });
  const patchTargets = Array.from({ length: 200 }, () => random.pick(ids));
  const statuses = ['idea', 'draft', 'mixing', 'done'];
  const changeLibrary = (i: number): void => {
    core.sessions.patch(cycle(patchTargets, i), { status: cycle(statuses, i) });
  };
  const manual = (query: Record<string, unknown>): Record<string, unknown> => ({
    ...query,
    collection: manualId,
  });
  const smart = (query: Record<string, unknown>): Record<string, unknown> => ({
    ...query,
    collection: smartId,
  });

  const pairs: Pair[] = [
    {
      name: 'first page, default order (manual: its own order)',
      target: TARGETS.listP95,
      iterations: 200,
      plain: () => ({ limit: 50 }),
      collection: () => manual({ limit: 50 }),
    },
    {
      name: 'first page, sort title',
      target: TARGETS.listP95,
      iterations: 200,
      plain: () => ({ limit: 50, sort: 'title' }),
      collection: () => manual({ limit: 50, sort: 'title' }),
    },
    {
      name: `deep page (plain offset ${plainDeep.toLocaleString('en-US')}, manual ${memberDeep.toLocaleString('en-US')}), own order`,
      target: TARGETS.listP95,
      iterations: 100,
      plain: () => ({ limit: 50, offset: plainDeep }),
      collection: () => manual({ limit: 50, offset: memberDeep }),
    },
    {
      name: 'deep page, sort title',
      target: TARGETS.listP95,
      iterations: 100,
      plain: () => ({ limit: 50, offset: plainDeep, sort: 'title' }),
      collection: () => manual({ limit: 50, offset: memberDeep, sort: 'title' }),
    },
    {
      name: 'pages 1-40, own order',
      info: true,
      target: TARGETS.listP95,
      iterations: 200,
      plain: (i) => ({ limit: 50, offset: cycle([...Array(40).keys()], i) * 50 }),
      collection: (i) => manual({ limit: 50, offset: cycle([...Array(40).keys()], i) * 50 }),
    },
    {
      name: 'search 1 common term, own order',
      target: TARGETS.searchP95,
      iterations: 200,
      plain: (i) => ({ q: cycle(SEARCHES, i), limit: 50 }),
      collection: (i) => manual({ q: cycle(SEARCHES, i), limit: 50 }),
    },
    {
      name: 'search 1 common term, sort -updatedAt',
      target: TARGETS.searchP95,
      iterations: 200,
      plain: (i) => ({ q: cycle(SEARCHES, i), limit: 50, sort: '-updatedAt' }),
      collection: (i) => manual({ q: cycle(SEARCHES, i), limit: 50, sort: '-updatedAt' }),
    },
    {
      name: 'search 1 common term, own order, after a change',
      target: TARGETS.searchP95,
      iterations: 100,
      plain: (i) => ({ q: cycle(SEARCHES, i), limit: 50 }),
      collection: (i) => manual({ q: cycle(SEARCHES, i), limit: 50 }),
      prepare: changeLibrary,
    },
    {
      name: 'filter 2 tags, own order',
      target: TARGETS.listP95,
      iterations: 200,
      plain: (i) => ({ tags: cycle(tagPairs, i), limit: 50 }),
      collection: (i) => manual({ tags: cycle(tagPairs, i), limit: 50 }),
    },
    {
      name: 'first page after a change, own order',
      target: TARGETS.listP95,
      iterations: 100,
      plain: () => ({ limit: 50 }),
      collection: () => manual({ limit: 50 }),
      prepare: changeLibrary,
    },
    {
      name: 'first page after a change, sort title',
      target: TARGETS.listP95,
      iterations: 100,
      plain: () => ({ limit: 50, sort: 'title' }),
      collection: () => manual({ limit: 50, sort: 'title' }),
      prepare: changeLibrary,
    },
    {
      name: 'smart {tags: mix}: first page (plain: ?tags=mix)',
      target: TARGETS.listP95,
      iterations: 200,
      plain: () => ({ tags: 'mix', limit: 50 }),
      collection: () => smart({ limit: 50 }),
    },
    {
      name: 'smart {tags: mix}: deep page',
      target: TARGETS.listP95,
      iterations: 100,
      plain: () => ({ tags: 'mix', limit: 50, offset: 10_000 }),
      collection: () => smart({ limit: 50, offset: 10_000 }),
    },
    {
      name: 'smart {tags: mix}: with a search',
      target: TARGETS.searchP95,
      iterations: 200,
      plain: (i) => ({ tags: 'mix', q: cycle(SEARCHES, i), limit: 50 }),
      collection: (i) => smart({ q: cycle(SEARCHES, i), limit: 50 }),
    },
  ];

  // A write makes the list forget what it remembered (counts, match sets, anchors): each side of a
  // pair starts from nothing, so neither is served from what the other left behind.
  const forget = (): void => {
    core.db.prepare('UPDATE sessions SET updated_at = updated_at WHERE seq = 1').run();
  };
  const rows: string[][] = [];
  for (const pair of pairs) {
    if (process.stdout.isTTY) process.stdout.write(`  measuring ${pair.name}…\x1b[K\r`);
    const totals: number[] = [];
    const time = (query: (i: number) => Record<string, unknown>): Summary => {
      forget();
      return measure(
        (i) => {
          const total = core.sessions.list(query(i)).meta.total;
          if (i >= 0) totals.push(total);
        },
        { iterations: pair.iterations, prepare: pair.prepare },
      );
    };
    const plain = pair.plain ? time(pair.plain) : null;
    totals.length = 0;
    const collection = time(pair.collection);
    const info = pair.info === true;
    rows.push([
      info ? `${pair.name} (info)` : pair.name,
      plain ? formatMs(plain.p95) : '-',
      formatMs(collection.p50),
      formatMs(collection.p95),
      formatMs(collection.max),
      `p95 < ${pair.target}`,
      info ? 'info' : collection.p95 < pair.target ? 'PASS' : 'MISS',
      plain ? `${(collection.p95 / plain.p95).toFixed(2)}×` : '-',
      `${Math.min(...totals).toLocaleString('en-US')}-${Math.max(...totals).toLocaleString('en-US')}`,
    ]);
  }
  if (process.stdout.isTTY) process.stdout.write('\x1b[K');
  console.log('');
  console.log(
    formatTable(
      [
        'operation',
        'plain p95',
        'coll. p50',
        'coll. p95',
        'coll. max',
        'target',
        'result',
        'vs plain',
        'matches',
      ],
      rows,
    ),
  );
  console.log(
    `\n  (times in ms, through SessionsService.list as IPC and the API call it; targets as bench:store's: ` +
      `pages p95 < ${TARGETS.listP95} ms, searches p95 < ${TARGETS.searchP95} ms)`,
  );
}

main();
