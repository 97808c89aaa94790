import { statSync } from 'node:fs';
import { basename, dirname, extname } from 'node:path';
import type { Database, Statement } from 'better-sqlite3';
import {
  DEFAULT_KIND,
  type ImportItemResult,
  type ImportStatus,
  type SessionKind,
} from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import { inferKindFromPath } from '../../../shared/kinds';
import type { Logger } from '../adapters';
import type { Clock } from '../clock';
import type { CoreEvents } from '../events';
import type { FoundArtwork } from '../artwork/find-artwork';
import { newId } from '../ids';
import type { DetectedMixdown, PreviewsService } from '../previews/previews-service';
import type { NewSessionRow } from '../sessions/sessions-repository';
import type { SessionsService } from '../sessions/sessions-service';
import { parseImportRequest, type ImportItemInput, type ImportRequest } from './import-request';

/** Finds mixdowns next to a project (newest first); injected so imports and tests share it. */
export type MixdownFinder = (projectPath: string, kind: SessionKind) => Promise<DetectedMixdown[]>;

/** Finds a new session's artwork in its project's folder, and attaches it in the chunk's transaction. */
export interface ImportArtwork {
  find(projectPath: string): Promise<FoundArtwork | null>;
  attach(sessionSeq: number, found: FoundArtwork): void;
}

/** Project folders looked into for artwork at once. */
const ARTWORK_LOOKUPS = 8;

/** A job this process is running; everything reported about any job is read from the library. */
interface Job {
  id: string;
  request: ImportRequest;
  /** The write buffer of the chunk in progress (results are read back from import_items). */
  results: ImportItemResult[];
  startedAt: number;
  cancelled: boolean;
}

interface JobRow {
  id: string;
  created_at: string;
  state: string;
  duration_ms: number;
}

interface ItemRow {
  project_path: string;
  status: string;
  session_id: string | null;
  reason: string | null;
}

const CHUNK = 250;
/** Import history kept in the library: the newest jobs, none older than the age limit. */
export const KEEP_JOBS = 50;
export const KEEP_JOBS_DAYS = 30;
/** The reason given to an item an import never reached because SessionDock stopped. */
export const INTERRUPTED_REASON =
  'import interrupted: SessionDock stopped before this item was reached (import it again)';
export const CANCELLED_REASON = 'import cancelled';
const INTERNAL_ERROR_REASON = 'import stopped by an internal error';

/**
 * The import job engine behind `POST /import` and the window's "Add folder…": a request is
 * validated and queued at once (the caller gets 202), then worked through in chunks off the
 * request path, each chunk one transaction. Duplicates (already in the library, or repeated in the
 * batch) are skipped; paths that are gone or unreadable fail with a reason. Project folders are
 * only ever read.
 *
 * The library's `import_jobs`/`import_items` are the record: every status (the API's, the
 * window's, progress events) is read from them, so an import's results survive a restart. A job
 * still `running` there that this process is not running was cut off by a crash or quit: at start
 * it becomes `interrupted` (reported `done`, its unreached items `failed` with INTERRUPTED_REASON).
 * History is pruned to the KEEP_JOBS newest jobs younger than KEEP_JOBS_DAYS (at start and at
 * each new import); a running job is never pruned.
 */
export class ImportService {
  private readonly live = new Map<string, Job>();
  private readonly statements: Record<
    | 'insertJob'
    | 'insertItem'
    | 'updateItem'
    | 'recordDuration'
    | 'failPending'
    | 'finishJob'
    | 'job'
    | 'items'
    | 'counts',
    Statement
  >;

  constructor(
    private readonly db: Database,
    private readonly sessions: SessionsService,
    private readonly previews: PreviewsService,
    private readonly events: CoreEvents,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly findMixdowns: MixdownFinder | null,
    /** Computes (and caches) a detected preview's peaks; failures only mark the preview. */
    private readonly computePeaks: (sessionId: string, previewId: string) => Promise<void> = async () => {},
    /** Artwork found in each new session's project folder (issue 13 §2); null: none looked for. */
    private readonly artwork: ImportArtwork | null = null,
  ) {
    this.statements = {
      insertJob: db.prepare(
        "INSERT INTO import_jobs (id, created_at, options, state) VALUES (?, ?, ?, 'running')",
      ),
      insertItem: db.prepare(
        'INSERT INTO import_items (job_id, position, project_path, input) VALUES (?, ?, ?, ?)',
      ),
      updateItem: db.prepare(
        'UPDATE import_items SET status = ?, session_id = ?, reason = ? WHERE job_id = ? AND position = ?',
      ),
      recordDuration: db.prepare('UPDATE import_jobs SET duration_ms = ? WHERE id = ?'),
      failPending: db.prepare(
        "UPDATE import_items SET status = 'failed', reason = ? WHERE job_id = ? AND status = 'pending'",
      ),
      finishJob: db.prepare(
        'UPDATE import_jobs SET state = ?, finished_at = ?, duration_ms = ? WHERE id = ?',
      ),
      job: db.prepare('SELECT id, created_at, state, duration_ms FROM import_jobs WHERE id = ?'),
      items: db.prepare(
        'SELECT project_path, status, session_id, reason FROM import_items WHERE job_id = ? ORDER BY position',
      ),
      counts: db.prepare('SELECT status, count(*) AS n FROM import_items WHERE job_id = ? GROUP BY status'),
    };
    this.settleInterrupted();
    this.prune();
  }

  /** Validates and queues; resolves at once with the job's status (the work goes on after). */
  start(body: unknown): ImportStatus {
    const request = parseImportRequest(body);
    const id = newId('import', this.clock.now());
    this.db.transaction(() => {
      this.statements.insertJob.run(
        id,
        this.clock.now().toISOString(),
        JSON.stringify({ kind: request.kind, generatePreviews: request.generatePreviews }),
      );
      request.items.forEach((item, position) =>
        this.statements.insertItem.run(id, position, item.projectPath, JSON.stringify(item)),
      );
    })();
    const job: Job = {
      id,
      request,
      results: request.items.map((item) => ({ projectPath: item.projectPath, status: 'pending' })),
      startedAt: performance.now(),
      cancelled: false,
    };
    this.live.set(id, job);
    this.prune();
    // Followers (the event stream, the window) hear of the import as it is queued, not only after
    // its first chunk of items.
    this.emitProgress(id);
    setImmediate(() => void this.run(job));
    return this.read(id);
  }

  /** The job's status and per-item results, from the library (any job kept, this run's or not). */
  status(importId: unknown): ImportStatus & { items: ImportItemResult[] } {
    const row = this.requireRow(importId);
    const interrupted = this.isInterrupted(row);
    const items = (this.statements.items.all(row.id) as ItemRow[]).map((item) =>
      itemResult(item, interrupted),
    );
    return { ...this.statusOf(row, countItems(items)), items };
  }

  /**
   * Stops a running job after the chunk in progress; items not reached fail as cancelled. A job
   * that has already ended is left as it is (its status is answered).
   */
  cancel(importId: unknown): ImportStatus {
    const row = this.requireRow(importId);
    const job = this.live.get(row.id);
    if (job) job.cancelled = true;
    return this.read(row.id);
  }

  /** Resolves when the job has finished (for tests and the window's awaiting callers). */
  async whenDone(importId: string, timeoutMs = 60_000): Promise<ImportStatus> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const status = this.read(importId);
      if (status.done) return status;
      if (performance.now() > deadline)
        throw new Error(`import ${importId} still running after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  private async run(job: Job): Promise<void> {
    const seen = new Set<string>();
    let stopReason = CANCELLED_REASON;
    try {
      for (let start = 0; start < job.request.items.length; start += CHUNK) {
        if (job.cancelled || !this.db.open) break;
        const positions = [...Array(Math.min(CHUNK, job.request.items.length - start)).keys()].map(
          (i) => start + i,
        );
        const artwork = await this.findArtwork(job, positions);
        if (job.cancelled || !this.db.open) break;
        const imported = this.importChunk(job, positions, seen, artwork);
        if (job.request.generatePreviews && this.findMixdowns) await this.detectMixdowns(job, imported);
        if (!this.db.open) break;
        this.emitProgress(job.id);
        // Yield to the event loop between chunks so requests keep being answered.
        await new Promise((resolve) => setImmediate(resolve));
      }
    } catch (error) {
      if (this.db.open) this.logger.error('import failed', { importId: job.id, error: String(error) });
      stopReason = INTERNAL_ERROR_REASON;
    }
    this.live.delete(job.id);
    // The library was closed under the job (quit): it stays `running` there, and the next start
    // reports it interrupted, exactly as after a crash.
    if (!this.db.open) return;
    try {
      this.db.transaction(() => {
        this.statements.failPending.run(stopReason, job.id);
        this.statements.finishJob.run(
          job.cancelled ? 'cancelled' : 'done',
          this.clock.now().toISOString(),
          elapsed(job),
          job.id,
        );
      })();
      this.emitProgress(job.id);
    } catch (error) {
      // A library turned read-only under the job: reported as interrupted from now on.
      this.logger.error('could not record the end of an import', { importId: job.id, error: String(error) });
    }
  }

  /** One chunk, one transaction: classify each item, create the new sessions in bulk. */
  private importChunk(
    job: Job,
    positions: number[],
    seen: Set<string>,
    artwork: ReadonlyMap<number, FoundArtwork>,
  ): { position: number; seq: number; sessionId: string }[] {
    const toCreate: { position: number; item: ImportItemInput; kind: SessionKind }[] = [];
    for (const position of positions) {
      const item = job.request.items[position]!;
      // Paths arrive in their canonical spelling (parseImportRequest), so one string is one project.
      const outcome = this.classify(item.projectPath, seen);
      seen.add(item.projectPath);
      if (outcome) {
        job.results[position] = { projectPath: item.projectPath, ...outcome };
        continue;
      }
      const kind =
        item.projectType ?? inferKindFromPath(item.projectPath) ?? job.request.kind ?? DEFAULT_KIND;
      toCreate.push({ position, item, kind });
    }
    const rows: { position: number; item: ImportItemInput; row: NewSessionRow }[] = [];
    for (const { position, item, kind } of toCreate) {
      try {
        const row = this.sessions.newRow({
          title: item.title ?? titleFromPath(item.projectPath),
          kind,
          projectPath: item.projectPath,
        });
        rows.push({ position, item, row });
      } catch (error) {
        job.results[position] = {
          projectPath: item.projectPath,
          status: 'failed',
          reason: (error as Error).message,
        };
      }
    }
    const created: { position: number; seq: number; sessionId: string }[] = [];
    this.db.transaction(() => {
      this.sessions.insertRows(rows.map(({ row }) => row));
      for (const { position, item, row } of rows) {
        const reason = item.previewAudioPath ? this.attachPreview(row.id, item.previewAudioPath) : undefined;
        job.results[position] = {
          projectPath: item.projectPath,
          status: 'imported',
          sessionId: row.id,
          ...(reason && { reason }),
        };
        const seq = this.sessions.requireSeq(row.id);
        const found = artwork.get(position);
        if (found) this.artwork!.attach(seq, found);
        created.push({ position, seq, sessionId: row.id });
      }
      for (const position of positions) {
        const result = job.results[position]!;
        this.statements.updateItem.run(
          result.status,
          result.sessionId ?? null,
          result.reason ?? null,
          job.id,
          position,
        );
      }
      this.statements.recordDuration.run(elapsed(job), job.id);
    })();
    if (created.length > 0)
      this.events.emit({ type: 'sessions.created', ids: created.map((c) => c.sessionId) });
    return created;
  }

  /**
   * The artwork in the project folders of a chunk's items, looked for before the chunk's
   * transaction (reading folders is asynchronous) so a session arrives with it. Items already in
   * the library are passed by; a folder holding many projects is read once.
   */
  private async findArtwork(job: Job, positions: number[]): Promise<Map<number, FoundArtwork>> {
    const found = new Map<number, FoundArtwork>();
    if (!this.artwork) return found;
    const byPath = new Map<string, Promise<FoundArtwork | null>>();
    const pending = positions.filter(
      (position) => !this.sessions.findIdByProjectPath(job.request.items[position]!.projectPath),
    );
    const lookUp = async (): Promise<void> => {
      for (let position = pending.shift(); position !== undefined; position = pending.shift()) {
        if (job.cancelled) return;
        const path = job.request.items[position]!.projectPath;
        const folder = dirname(path.replace(/[\\/]+$/, ''));
        let lookup = byPath.get(folder);
        if (!lookup) {
          lookup = this.artwork!.find(path).catch((error: unknown) => {
            this.logger.warn('artwork lookup failed', { path, error: String(error) });
            return null;
          });
          byPath.set(folder, lookup);
        }
        const artwork = await lookup;
        if (artwork) found.set(position, artwork);
      }
    };
    await Promise.all(Array.from({ length: ARTWORK_LOOKUPS }, lookUp));
    return found;
  }

  private classify(path: string, seen: Set<string>): Omit<ImportItemResult, 'projectPath'> | null {
    if (seen.has(path)) return { status: 'skipped', reason: 'repeats an earlier item of this import' };
    const existing = this.sessions.findIdByProjectPath(path);
    if (existing) return { status: 'skipped', sessionId: existing, reason: 'already in the library' };
    try {
      statSync(path);
      return null;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR')
        return { status: 'failed', reason: 'project path does not exist' };
      return { status: 'failed', reason: `project path is unreadable (${code ?? 'error'})` };
    }
  }

  /** The item's own preview file; a problem with it is noted but does not fail the import. */
  private attachPreview(sessionId: string, path: string): string | undefined {
    try {
      this.previews.attachSilently(sessionId, { path, preferred: true });
      return undefined;
    } catch (error) {
      return `imported without its preview: ${(error as Error).message}`;
    }
  }

  private async detectMixdowns(
    job: Job,
    created: { position: number; seq: number; sessionId: string }[],
  ): Promise<void> {
    for (const { position, seq, sessionId } of created) {
      if (job.cancelled || !this.db.open) return;
      const item = job.request.items[position]!;
      try {
        const found = await this.findMixdowns!(item.projectPath, this.sessions.get(sessionId).kind);
        if (found.length === 0) continue;
        const added = this.db.transaction(() => this.previews.addDetected(seq, found))();
        for (const previewId of added) await this.computePeaks(sessionId, previewId);
      } catch (error) {
        this.logger.warn('mixdown detection failed', { path: item.projectPath, error: String(error) });
      }
    }
  }

  private requireRow(importId: unknown): JobRow {
    const row =
      typeof importId === 'string' ? (this.statements.job.get(importId) as JobRow | undefined) : undefined;
    if (!row) throw new AppError('import_not_found', 'import not found');
    return row;
  }

  /** A job left `running` in the library by another run (settleInterrupted could not write). */
  private isInterrupted(row: JobRow): boolean {
    return row.state === 'interrupted' || (row.state === 'running' && !this.live.has(row.id));
  }

  /** The status without items (start, cancel, progress events): counts straight from the library. */
  private read(importId: string): ImportStatus {
    const row = this.requireRow(importId);
    const counts = { imported: 0, failed: 0, skipped: 0, pending: 0 };
    for (const { status, n } of this.statements.counts.all(row.id) as { status: string; n: number }[]) {
      if (status in counts) counts[status as keyof typeof counts] += n;
    }
    if (this.isInterrupted(row)) {
      counts.failed += counts.pending;
      counts.pending = 0;
    }
    return this.statusOf(row, counts);
  }

  private statusOf(
    row: JobRow,
    counts: { imported: number; failed: number; skipped: number; pending: number },
  ): ImportStatus {
    const job = this.live.get(row.id);
    return {
      importId: row.id,
      total: counts.imported + counts.failed + counts.skipped + counts.pending,
      completed: counts.imported,
      failed: counts.failed,
      skipped: counts.skipped,
      done: !job,
      durationMs: job ? elapsed(job) : row.duration_ms,
      cancelled: job ? job.cancelled : row.state === 'cancelled',
    };
  }

  private emitProgress(importId: string): void {
    this.events.emit({ type: 'import.progress', status: this.read(importId) });
  }

  /**
   * Jobs the library says are running when this process has started none were cut off by a crash
   * or a quit: they end as `interrupted`, their unreached items failed with INTERRUPTED_REASON.
   */
  private settleInterrupted(): void {
    // Asked first so a library with nothing to settle costs no write (and no clock reading).
    if (!this.db.prepare("SELECT 1 FROM import_jobs WHERE state = 'running' LIMIT 1").get()) return;
    try {
      this.db.transaction(() => {
        this.db
          .prepare(
            `UPDATE import_items SET status = 'failed', reason = ?
             WHERE status = 'pending' AND job_id IN (SELECT id FROM import_jobs WHERE state = 'running')`,
          )
          .run(INTERRUPTED_REASON);
        const settled = this.db
          .prepare("UPDATE import_jobs SET state = 'interrupted', finished_at = ? WHERE state = 'running'")
          .run(this.clock.now().toISOString()).changes;
        if (settled > 0) this.logger.warn('imports cut off by the last quit or crash', { count: settled });
      })();
    } catch (error) {
      // A read-only library: such jobs are still reported interrupted (isInterrupted).
      this.logger.warn('could not record interrupted imports', { error: String(error) });
    }
  }

  /** Keeps the KEEP_JOBS newest jobs younger than KEEP_JOBS_DAYS; never one this run is running. */
  private prune(): void {
    if (!this.db.prepare('SELECT 1 FROM import_jobs LIMIT 1').get()) return;
    const cutoff = new Date(this.clock.now().getTime() - KEEP_JOBS_DAYS * 86_400_000).toISOString();
    const running = [...this.live.keys()];
    try {
      this.db
        .prepare(
          `DELETE FROM import_jobs WHERE id NOT IN (${running.map(() => '?').join(', ')})
           AND (created_at < ? OR id NOT IN
             (SELECT id FROM import_jobs ORDER BY created_at DESC, id DESC LIMIT ?))`,
        )
        .run(...running, cutoff, KEEP_JOBS);
    } catch (error) {
      this.logger.warn('could not prune import history', { error: String(error) });
    }
  }
}

function elapsed(job: Job): number {
  return Math.round(performance.now() - job.startedAt);
}

function itemResult(row: ItemRow, interrupted: boolean): ImportItemResult {
  if (interrupted && row.status === 'pending')
    return { projectPath: row.project_path, status: 'failed', reason: INTERRUPTED_REASON };
  return {
    projectPath: row.project_path,
    status: row.status as ImportItemResult['status'],
    ...(row.session_id !== null && { sessionId: row.session_id }),
    ...(row.reason !== null && { reason: row.reason }),
  };
}

function countItems(items: ImportItemResult[]): {
  imported: number;
  failed: number;
  skipped: number;
  pending: number;
} {
  const counts = { imported: 0, failed: 0, skipped: 0, pending: 0 };
  for (const item of items) counts[item.status]++;
  return counts;
}

function titleFromPath(path: string): string {
  const name = basename(path.replace(/[\\/]+$/, ''));
  return (name.slice(0, name.length - extname(name).length) || name).slice(0, 200);
}
