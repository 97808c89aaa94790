/**
 * Store benchmark: builds a 100,000-session library in a temporary data folder and times the
 * sessions service (the code path behind IPC and the Local API) against the performance targets.
 *
 *   npm run bench:store
 *
 * Environment: BENCH_SESSIONS (default 100000), BENCH_SEED (default 20240917),
 * BENCH_VIA=bulk|service (insert path, default bulk: see SeedOptions.via),
 * BENCH_EXPLAIN=1 (query plans for every list operation, not only for misses).
 *
 * Prints; never asserts: a MISS does not fail the run, but an operation that throws does.
 */
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core } from '../src/main/core/create-core';
import { buildListSql } from '../src/main/core/sessions/list-sql';
import { SESSION_COLUMNS } from '../src/main/core/sessions/session-row';
import { parseListQuery } from '../src/shared/validation';
import { generateSessionInputs, seedLibrary, TAG_VOCABULARY } from './lib/library-generator';
import { Random } from './lib/random';
import { formatBytes, formatMs, formatTable, measure, type Summary } from './lib/timing';

const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 100_000);
const SEED = Number(process.env.BENCH_SEED ?? 20240917);
const VIA = process.env.BENCH_VIA === 'service' ? 'service' : 'bulk';
const EXPLAIN_ALL = process.env.BENCH_EXPLAIN === '1';

const TARGETS = {
  bulkInsertMs: 10_000,
  listP95: 5,
  searchP95: 20,
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
}

interface Row {
  operation: Operation;
  summary: Summary;
  totals: number[];
}

function main(): void {
  const dataDir = mkdtempSync(join(tmpdir(), 'sessiondock-bench-'));
  let core: Core | undefined;
  try {
    core = createCore({ dataDir });
    printHeader(core);

    console.log(`Seeding ${SESSIONS.toLocaleString('en-US')} sessions (seed ${SEED}, via ${VIA})…`);
    const seeded = seedLibrary(core, SESSIONS, SEED, { via: VIA, lastOpenedFraction: 0.3 });
    const insertPass = seeded.insertMs < TARGETS.bulkInsertMs * (SESSIONS / 100_000);
    console.log(`  generate inputs        ${formatMs(seeded.generateMs).padStart(8)} ms`);
    console.log(
      `  insert (one tx, ${seeded.via === 'service' ? 'SessionsService.create' : 'SessionsRepository.insert'}) ` +
        `${formatMs(seeded.insertMs).padStart(8)} ms  ` +
        `(${Math.round(SESSIONS / (seeded.insertMs / 1000)).toLocaleString('en-US')} sessions/s)  ` +
        `target < ${TARGETS.bulkInsertMs / 1000} s per 100k: ${insertPass ? 'PASS' : 'MISS'}`,
    );
    console.log(`  set timestamps (SQL)   ${formatMs(seeded.timestampsMs).padStart(8)} ms`);
    printLibraryStats(core);
    printFileSizes(core, 'after seeding');
    // What the next start sees: the seed's WAL folded into the main file.
    core.db.pragma('wal_checkpoint(TRUNCATE)');
    printFileSizes(core, 'after checkpoint');

    const ids = seeded.ids;
    const rows = runOperations(core, ids);
    console.log('');
    console.log(
      formatTable(
        ['operation', 'iter', 'p50 ms', 'p95 ms', 'mean ms', 'max ms', 'target', 'result', 'matches'],
        [
          [
            `bulk insert ${SESSIONS.toLocaleString('en-US')}`,
            '1',
            '',
            '',
            formatMs(seeded.insertMs),
            '',
            `< ${TARGETS.bulkInsertMs / 1000} s`,
            insertPass ? 'PASS' : 'MISS',
            '',
          ],
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
    console.log('  (target figures: list p95 < 5 ms also applied to the tag filter; search p95 < 20 ms)');

    const explained = rows.filter(
      ({ operation, summary }) =>
        operation.query && (EXPLAIN_ALL || (operation.target !== null && summary.p95 >= operation.target)),
    );
    for (const { operation } of explained) printPlans(core, operation);
  } catch (error) {
    console.error('\nBenchmark failed:', error);
    process.exitCode = 1;
  } finally {
    core?.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function runOperations(core: Core, ids: readonly string[]): Row[] {
  const random = new Random(SEED ^ 0xbe4c);
  const cycle = <T>(items: readonly T[], i: number): T =>
    items[((i % items.length) + items.length) % items.length]!;
  const tagPairs = makeTagPairs(random);
  const createInputs = generateSessionInputs(400, SEED + 1);
  const patchTargets = Array.from({ length: 400 }, () => random.pick(ids));
  const patchBodies = generateSessionInputs(400, SEED + 2);

  const pages = Array.from({ length: 40 }, (_, page) => page);
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
      name: 'list limit 50 pages 1-40 (info)',
      iterations: 200,
      target: null,
      query: (i) => ({ limit: 50, offset: cycle(pages, i) * 50 }),
    },
    searchOp('search q 1 common term', SEARCH_COMMON),
    searchOp('search q 1 rare term', SEARCH_RARE),
    searchOp('search q prefix (2-3 chars)', SEARCH_PREFIX),
    searchOp('search q 2 terms', SEARCH_TWO_TERMS),
    {
      name: 'filter 2 tags',
      iterations: 240,
      target: TARGETS.listP95,
      query: (i) => ({ tags: cycle(tagPairs, i), limit: 50 }),
    },
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
        core.sessions.create(cycle(createInputs, i));
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
      { iterations: operation.iterations },
    );
    rows.push({ operation, summary, totals });
  }
  if (process.stdout.isTTY) process.stdout.write('\x1b[K');
  return rows;
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
  // The three statements the repository prepares per query shape (see SessionsRepository.list).
  const statementsFor = (input: Record<string, unknown>) => {
    const query = parseListQuery(input);
    const sql = buildListSql(query);
    const page = `${sql.where} ${sql.orderBy} LIMIT ? OFFSET ?`;
    const pageParams = [...sql.params, query.limit, query.offset];
    return {
      count: { text: sql.count, params: sql.countParams },
      'collect-then-sort': { text: `SELECT ${SESSION_COLUMNS} FROM sessions s ${page}`, params: pageParams },
      'walk sort index': {
        text: `SELECT ${SESSION_COLUMNS} FROM sessions s INDEXED BY ${sql.sortIndex} ${page}`,
        params: pageParams,
      },
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
        const { params: each } = statementsFor(input)[label as keyof ReturnType<typeof statementsFor>];
        statement.all(...each);
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
