/**
 * Store benchmark: builds a 100,000- and a 1,000,000-session library (generated at run time) and
 * times the sessions service (the code path behind IPC and the Local API) against the performance
 * targets, one library size after the other.
 *
 *   npm run bench:store
 *   BENCH_STORE_SIZES=100000 npm run bench:store                 # only 100k
 *   BENCH_STORE_DIR=~/.cache/sessiondock-bench npm run bench:store  # keep and reuse the libraries
 *
 * Environment: BENCH_STORE_SIZES (comma-separated library sizes, default 100000,1000000;
 * BENCH_SESSIONS=N is the same as BENCH_STORE_SIZES=N), BENCH_STORE_DIR (where generated libraries
 * are kept, one folder per size and seed, and reused by the next run instead of generating them
 * again; default: a temporary folder removed at the end), BENCH_SEED (default 20240917),
 * BENCH_VIA=bulk|service (insert path, default bulk: see SeedOptions.via),
 * BENCH_EXPLAIN=1 (query plans for every list operation, not only for misses).
 *
 * A reused library is left as the run found it in size: the sessions the create row made are
 * deleted at the end (the patch row's edits stay, as they would in any library in use).
 *
 * Prints; never asserts: a MISS does not fail the run, but an operation that throws does.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core } from '../src/main/core/create-core';
import { buildListSql, listStatementTexts, matchSetInsert } from '../src/main/core/sessions/list-sql';
import { SESSION_COLUMNS } from '../src/main/core/sessions/session-row';
import { parseListQuery } from '../src/shared/validation';
import { generateSessionInputs, seedLibrary, TAG_VOCABULARY } from './lib/library-generator';
import { Random } from './lib/random';
import { formatBytes, formatMs, formatTable, measure, type Summary } from './lib/timing';

const SIZES = (process.env.BENCH_STORE_SIZES ?? process.env.BENCH_SESSIONS ?? '100000,1000000')
  .split(',')
  .map((size) => Number(size.trim().replaceAll('_', '')))
  .filter((size) => Number.isInteger(size) && size > 0);
const STORE_DIR = process.env.BENCH_STORE_DIR?.trim() || undefined;
const SEED = Number(process.env.BENCH_SEED ?? 20240917);
const VIA = process.env.BENCH_VIA === 'service' ? 'service' : 'bulk';
const EXPLAIN_ALL = process.env.BENCH_EXPLAIN === '1';

const TARGETS = {
  bulkInsertMs: 10_000,
  listP95: 5,
  searchP95: 20,
  /** Issue 11: two-tag filter p95 < 10 ms at 1M (and, as before, < 5 ms at 100k). */
  tagFilterP95: (sessions: number) => (sessions > 100_000 ? 10 : 5),
  tagCountsP95: 50,
};

/** Search inputs drawn from the generator's vocabularies (titles, notes, clients). */
const SEARCH_COMMON = [
  'drums',
  'vocals',
  'mix',
  'bass',
  'synth',
  'revision',
  'stems',
  'mastering',
  'edm',
  'kick',
];
const SEARCH_RARE = [
  'señorita',
  'senorita',
  'über',
  'cafe',
  'corazón',
  'soirée',
  'acapella',
  'Lindqvist',
  'Yılmaz',
  'Foxglove',
  'niño',
  'frequency',
];
const SEARCH_PREFIX = ['dru', 'voc', 'syn', 'mas', 'ba', 'mid', 'neo', 'rev', 'ste', 'caf', 'gr', 'sid'];
const SEARCH_TWO_TERMS = [
  'vocal mix',
  'drums revision',
  'midnight drive',
  'bass stems',
  'café edm',
  'synth mastering',
  'neon lights',
  'kick sidechain',
  'club mix',
  'velvet dreams',
  'radio edit',
  'rough feedback',
];

interface Operation {
  name: string;
  iterations: number;
  /** p95 target in ms, or null when there is none (printed for information). */
  target: number | null;
  /** A list operation: `core.sessions.list(query(i))`; also used for EXPLAIN QUERY PLAN. */
  query?: (i: number) => Record<string, unknown>;
  /** Any other operation; may return a result count to report. */
  run?: (i: number) => number | void;
  /** Untimed work before each timed call. */
  prepare?: (i: number) => void;
}

interface Row {
  operation: Operation;
  summary: Summary;
  totals: number[];
}

function main(): void {
  if (SIZES.length === 0) throw new Error('BENCH_STORE_SIZES: no library size (e.g. 100000,1000000)');
  for (const [index, size] of SIZES.entries()) {
    if (index > 0) console.log('\n' + '='.repeat(100) + '\n');
    runSize(size);
  }
}

/** The marker a kept library carries once fully seeded (a run cut off mid-seed is redone). */
interface SeededMarker {
  sessions: number;
  seed: number;
  via: string;
  generateMs: number;
  insertMs: number;
  timestampsMs: number;
}

function runSize(sessions: number): void {
  const kept = STORE_DIR !== undefined;
  const dataDir = kept
    ? join(STORE_DIR, `library-${sessions}-seed${SEED}-${VIA}`)
    : mkdtempSync(join(tmpdir(), 'sessiondock-bench-'));
  const markerPath = join(dataDir, 'bench-seeded.json');
  let core: Core | undefined;
  let createdIds: string[] = [];
  try {
    let marker: SeededMarker | undefined;
    if (kept && existsSync(markerPath)) {
      marker = JSON.parse(readFileSync(markerPath, 'utf8')) as SeededMarker;
    } else if (kept) {
      rmSync(dataDir, { recursive: true, force: true });
      mkdirSync(dataDir, { recursive: true });
    }
    core = createCore({ dataDir });
    printHeader(core);

    let seeded: SeededMarker;
    if (marker) {
      seeded = marker;
      console.log(
        `Reusing the ${sessions.toLocaleString('en-US')}-session library in ${dataDir} ` +
          `(seeded earlier: insert ${formatMs(marker.insertMs)} ms; delete the folder to seed again)`,
      );
    } else {
      console.log(`Seeding ${sessions.toLocaleString('en-US')} sessions (seed ${SEED}, via ${VIA})…`);
      const result = seedLibrary(core, sessions, SEED, { via: VIA, lastOpenedFraction: 0.3 });
      seeded = {
        sessions,
        seed: SEED,
        via: result.via,
        generateMs: result.generateMs,
        insertMs: result.insertMs,
        timestampsMs: result.timestampsMs,
      };
      console.log(`  generate inputs        ${formatMs(seeded.generateMs).padStart(8)} ms`);
      console.log(`  set timestamps (SQL)   ${formatMs(seeded.timestampsMs).padStart(8)} ms`);
      printFileSizes(core, 'after seeding');
      // What the next start sees: the seed's WAL folded into the main file.
      core.db.pragma('wal_checkpoint(TRUNCATE)');
      printFileSizes(core, 'after checkpoint');
      if (kept) writeFileSync(markerPath, JSON.stringify(seeded));
    }
    const insertTarget = TARGETS.bulkInsertMs * (sessions / 100_000);
    const insertPass = seeded.insertMs < insertTarget;
    console.log(
      `  insert (one tx, ${seeded.via === 'service' ? 'SessionsService.create' : 'SessionsRepository.insert'}) ` +
        `${formatMs(seeded.insertMs).padStart(8)} ms  ` +
        `(${Math.round(sessions / (seeded.insertMs / 1000)).toLocaleString('en-US')} sessions/s)  ` +
        `target < ${TARGETS.bulkInsertMs / 1000} s per 100k: ${insertPass ? 'PASS' : 'MISS'}`,
    );
    printLibraryStats(core);

    // The first list after a start (what the first GET /sessions waits for): reopen the library.
    core.close();
    core = createCore({ dataDir });
    const opened = core;
    const first = measure(() => opened.sessions.list({ limit: 50 }), { iterations: 1, warmup: 0 });
    const firstSearch = measure(() => opened.sessions.list({ q: 'mix', limit: 50 }), {
      iterations: 1,
      warmup: 0,
    });
    console.log(
      `  first list after opening the library: ${formatMs(first.max)} ms; ` +
        `then the first search: ${formatMs(firstSearch.max)} ms`,
    );

    const ids = (core.db.prepare('SELECT id FROM sessions ORDER BY seq').pluck().all() as string[]).slice(
      0,
      sessions,
    );
    const { rows, created } = runOperations(core, ids);
    createdIds = created;
    console.log('');
    console.log(
      formatTable(
        ['operation', 'iter', 'p50 ms', 'p95 ms', 'mean ms', 'max ms', 'target', 'result', 'matches'],
        [
          [
            `bulk insert ${sessions.toLocaleString('en-US')}`,
            '1',
            '',
            '',
            formatMs(seeded.insertMs),
            '',
            `< ${TARGETS.bulkInsertMs / 1000} s /100k`,
            insertPass ? 'PASS' : 'MISS',
            '',
          ],
          ['first list after open', '1', '', '', formatMs(first.max), '', '-', 'info', ''],
          ...rows.map(({ operation, summary, totals }) => [
            operation.name,
            String(summary.iterations),
            formatMs(summary.p50),
            formatMs(summary.p95),
            formatMs(summary.mean),
            formatMs(summary.max),
            operation.target === null ? '-' : `p95 < ${operation.target}`,
            operation.target === null ? 'info' : summary.p95 < operation.target ? 'PASS' : 'MISS',
            matchRange(totals),
          ]),
        ],
      ),
    );
    console.log('');
    printFileSizes(core, 'at the end');
    console.log(
      `  (targets: list p95 < ${TARGETS.listP95} ms at offset 0 and deep, search p95 < ${TARGETS.searchP95} ms, ` +
        `two-tag filter p95 < ${TARGETS.tagFilterP95(sessions)} ms, tag counts p95 < ${TARGETS.tagCountsP95} ms)`,
    );

    const explained = rows.filter(
      ({ operation, summary }) =>
        operation.query && (EXPLAIN_ALL || (operation.target !== null && summary.p95 >= operation.target)),
    );
    for (const { operation } of explained) printPlans(core, operation);
  } catch (error) {
    console.error('\nBenchmark failed:', error);
    process.exitCode = 1;
  } finally {
    if (core && kept && createdIds.length > 0) {
      // Keep a reused library at its size: remove what the create row added.
      const remove = core.db.prepare('DELETE FROM sessions WHERE id = ?');
      const opened = core;
      opened.db.transaction(() => createdIds.forEach((id) => remove.run(id)))();
    }
    core?.close();
    if (!kept) rmSync(dataDir, { recursive: true, force: true });
  }
}

function runOperations(core: Core, ids: readonly string[]): { rows: Row[]; created: string[] } {
  const created: string[] = [];
  // A deep page: the middle of the library, where an OFFSET walk costs the most it usually does.
  const deep = Math.floor(ids.length / 2 / 50) * 50;
  const random = new Random(SEED ^ 0xbe4c);
  const cycle = <T>(items: readonly T[], i: number): T =>
    items[((i % items.length) + items.length) % items.length]!;
  const tagPairs = makeTagPairs(random);
  const createInputs = generateSessionInputs(400, SEED + 1);
  const patchTargets = Array.from({ length: 400 }, () => random.pick(ids));
  const patchBodies = generateSessionInputs(400, SEED + 2);

  const pages = Array.from({ length: 40 }, (_, page) => page);
  // A status change between calls: the library has changed, so nothing the list remembers
  // (match counts, deep-page anchors) can help; the call pays the full cost of a first ask.
  const statuses = ['idea', 'draft', 'mixing', 'done'] as const;
  const changeLibrary = (i: number): void => {
    core.sessions.patch(cycle(patchTargets, i), { status: cycle(statuses, i) });
  };
  const afterChange = (operation: Operation): Operation => ({
    ...operation,
    name: `${operation.name}, after a change`,
    iterations: Math.min(operation.iterations, 100),
    prepare: changeLibrary,
  });
  const searchOp = (name: string, terms: readonly string[]): Operation => ({
    name,
    iterations: 240,
    target: TARGETS.searchP95,
    query: (i) => ({ q: cycle(terms, i), limit: 50 }),
  });

  const operations: Operation[] = [
    {
      name: 'list limit 50 (default -updatedAt)',
      iterations: 200,
      target: TARGETS.listP95,
      query: () => ({ limit: 50 }),
    },
    {
      name: 'list limit 50 sort title',
      iterations: 200,
      target: TARGETS.listP95,
      query: () => ({ limit: 50, sort: 'title' }),
    },
    {
      name: `list limit 50 offset ${deep.toLocaleString('en-US')} (default sort)`,
      iterations: 100,
      target: TARGETS.listP95,
      query: () => ({ limit: 50, offset: deep }),
    },
    {
      name: `list limit 50 offset ${deep.toLocaleString('en-US')} sort title`,
      iterations: 100,
      target: TARGETS.listP95,
      query: () => ({ limit: 50, offset: deep, sort: 'title' }),
    },
    {
      name: 'list limit 50 pages 1-40 (info)',
      iterations: 200,
      target: null,
      query: (i) => ({ limit: 50, offset: cycle(pages, i) * 50 }),
    },
    afterChange({
      name: `list limit 50 offset ${deep.toLocaleString('en-US')} (default sort)`,
      iterations: 100,
      target: null,
      query: () => ({ limit: 50, offset: deep }),
    }),
    searchOp('search q 1 common term', SEARCH_COMMON),
    afterChange(searchOp('search q 1 common term', SEARCH_COMMON)),
    searchOp('search q 1 rare term', SEARCH_RARE),
    searchOp('search q prefix (2-3 chars)', SEARCH_PREFIX),
    searchOp('search q 2 terms', SEARCH_TWO_TERMS),
    afterChange(searchOp('search q 2 terms', SEARCH_TWO_TERMS)),
    {
      name: 'filter 2 tags',
      iterations: 240,
      target: TARGETS.tagFilterP95(ids.length),
      query: (i) => ({ tags: cycle(tagPairs, i), limit: 50 }),
    },
    afterChange({
      name: 'filter 2 tags',
      iterations: 240,
      target: TARGETS.tagFilterP95(ids.length),
      query: (i) => ({ tags: cycle(tagPairs, i), limit: 50 }),
    }),
    {
      name: 'tag counts',
      iterations: 200,
      target: TARGETS.tagCountsP95,
      run: () => core.sessions.tagCounts().length,
    },
    {
      name: 'single create (own tx)',
      iterations: 200,
      target: null,
      run: (i) => {
        const session = core.sessions.create(cycle(createInputs, i));
        created.push(session.id);
      },
    },
    {
      name: 'single patch (own tx)',
      iterations: 200,
      target: null,
      run: (i) => {
        const body = cycle(patchBodies, i);
        // Rotate through the kinds of edit people make: status, title (re-indexes FTS), tags, notes.
        const patch = [
          { status: body.status },
          { title: body.title },
          { tags: body.tags },
          { notes: body.notes },
        ];
        core.sessions.patch(cycle(patchTargets, i), cycle(patch, i));
      },
    },
  ];

  const rows: Row[] = [];
  for (const operation of operations) {
    if (process.stdout.isTTY) process.stdout.write(`  measuring ${operation.name}…\x1b[K\r`);
    const totals: number[] = [];
    const summary = measure(
      (i) => {
        const total = operation.query ? core.sessions.list(operation.query(i)).meta.total : operation.run!(i);
        if (typeof total === 'number' && i >= 0) totals.push(total);
      },
      { iterations: operation.iterations, prepare: operation.prepare },
    );
    rows.push({ operation, summary, totals });
  }
  if (process.stdout.isTTY) process.stdout.write('\x1b[K');
  return { rows, created };
}

/** Distinct pairs from the 24 most-used tags (the Zipf head), starting with the obvious one. */
function makeTagPairs(random: Random): string[] {
  const head = TAG_VOCABULARY.slice(0, 24);
  const pairs = new Set<string>(['mix,priority']);
  while (pairs.size < 60) {
    const a = random.pick(head);
    const b = random.pick(head);
    if (a !== b) pairs.add(`${a},${b}`);
  }
  return [...pairs];
}

function matchRange(totals: readonly number[]): string {
  if (totals.length === 0) return '';
  const min = Math.min(...totals);
  const max = Math.max(...totals);
  const format = (value: number): string => value.toLocaleString('en-US');
  return min === max ? format(min) : `${format(min)}-${format(max)}`;
}

function printHeader(core: Core): void {
  const { version } = core.db.prepare('SELECT sqlite_version() AS version').get() as { version: string };
  const cpu = cpus();
  console.log('SessionDock store benchmark');
  console.log(
    `  node ${process.version}, SQLite ${version}, ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}`,
  );
  console.log(`  data dir ${core.dataDir}`);
}

function printLibraryStats(core: Core): void {
  const count = (sql: string): number => (core.db.prepare(sql).get() as { n: number }).n;
  console.log(
    `  library: ${count('SELECT count(*) AS n FROM sessions').toLocaleString('en-US')} sessions, ` +
      `${count('SELECT count(*) AS n FROM tags WHERE usage_count > 0')} tags, ` +
      `${count('SELECT count(*) AS n FROM session_tags').toLocaleString('en-US')} tag uses, ` +
      `${count("SELECT count(DISTINCT client) AS n FROM sessions WHERE client <> ''")} clients, ` +
      `${count('SELECT count(*) AS n FROM sessions WHERE last_opened IS NOT NULL').toLocaleString('en-US')} opened, ` +
      `${count('SELECT count(*) AS n FROM sessions WHERE project_path IS NOT NULL').toLocaleString('en-US')} with a project path`,
  );
}

function printFileSizes(core: Core, when: string): void {
  const size = (path: string): number => (existsSync(path) ? statSync(path).size : 0);
  const main = size(core.libraryPath);
  const wal = size(`${core.libraryPath}-wal`);
  console.log(
    `  library file ${when}: ${formatBytes(main)} (library.sqlite) + ${formatBytes(wal)} (WAL) = ${formatBytes(main + wal)}`,
  );
}

/**
 * The plans of the exact statements the repository prepares for this operation's query, and the
 * time each statement takes alone over the operation's inputs (to see where the time goes).
 */
function printPlans(core: Core, operation: Operation): void {
  // The page statements the repository prepares per query shape (see SessionsRepository.list);
  // the anchor statements are left out: their cost is a seek.
  const statementsFor = (input: Record<string, unknown>) => {
    const query = parseListQuery(input);
    const sql = buildListSql(query);
    const texts = listStatementTexts(sql);
    const pageParams = [...sql.params, query.limit, query.offset];
    return {
      count: { text: texts.count, params: sql.countParams },
      'collect-then-sort': { text: texts.collectThenSort, params: pageParams },
      'walk sort index': { text: texts.walkIndex, params: pageParams },
      ...(texts.inMatchSet === null
        ? {}
        : { 'fill the match set': { text: matchSetInsert(sql)!, params: [-1, ...sql.matchSet!.params] } }),
    };
  };
  const inputs = Array.from({ length: 24 }, (_, i) => operation.query!(i));
  console.log(`\nEXPLAIN QUERY PLAN for "${operation.name}" (${JSON.stringify(inputs[0])}):`);
  for (const [label, { text, params }] of Object.entries(statementsFor(inputs[0]!))) {
    const plan = core.db.prepare(`EXPLAIN QUERY PLAN ${text}`).all(...params) as {
      id: number;
      parent: number;
      detail: string;
    }[];
    const statement = core.db.prepare(text);
    const timing = measure(
      (i) => {
        const input = inputs[((i % inputs.length) + inputs.length) % inputs.length]!;
        const each = statementsFor(input)[label as keyof ReturnType<typeof statementsFor>];
        if (!each) return;
        if (statement.reader) statement.all(...each.params);
        else statement.run(...each.params);
        // The match set filled here (set id -1) is not the list's own: empty it again.
        if (!statement.reader) core.db.prepare('DELETE FROM temp.list_matches WHERE set_id = -1').run();
      },
      { iterations: 48 },
    );
    console.log(
      `  ${label} (alone: p50 ${formatMs(timing.p50)} ms, p95 ${formatMs(timing.p95)} ms): ` +
        text.replace(SESSION_COLUMNS, '…'),
    );
    const depth = new Map<number, number>([[0, 0]]);
    for (const step of plan) {
      const level = (depth.get(step.parent) ?? 0) + 1;
      depth.set(step.id, level);
      console.log(`  ${'  '.repeat(level)}${step.detail}`);
    }
  }
}

main();
