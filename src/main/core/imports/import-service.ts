import { statSync } from 'node:fs';
import { basename, extname } from 'node:path';
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
import { newId } from '../ids';
import type { DetectedMixdown, PreviewsService } from '../previews/previews-service';
import type { NewSessionRow } from '../sessions/sessions-repository';
import type { SessionsService } from '../sessions/sessions-service';
import { parseImportRequest, type ImportItemInput, type ImportRequest } from './import-request';

/** Finds mixdowns next to a project (newest first); injected so imports and tests share it. */
export type MixdownFinder = (projectPath: string, kind: SessionKind) => Promise<DetectedMixdown[]>;

interface Job {
  id: string;
  request: ImportRequest;
  results: ImportItemResult[];
  startedAt: number;
  finishedAt: number | null;
  cancelled: boolean;
}

const CHUNK = 250;
const KEEP_FINISHED_JOBS = 50;

/**
 * The import job engine behind `POST /import` and the window's "Add folder…": a request is
 * validated and queued at once (the caller gets 202), then worked through in chunks off the
 * request path, each chunk one transaction. Duplicates (already in the library, or repeated in the
 * batch) are skipped; paths that are gone or unreadable fail with a reason. Project folders are
 * only ever read.
 */
export class ImportService {
  private readonly jobs = new Map<string, Job>();
  private readonly statements: Record<'insertJob' | 'insertItem' | 'updateItem' | 'finishJob', Statement>;

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
      finishJob: db.prepare('UPDATE import_jobs SET state = ?, finished_at = ? WHERE id = ?'),
    };
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
      finishedAt: null,
      cancelled: false,
    };
    this.jobs.set(id, job);
    this.forgetOldJobs();
    setImmediate(() => void this.run(job));
    return this.statusOf(job);
  }

  status(importId: unknown): ImportStatus & { items: ImportItemResult[] } {
    const job = typeof importId === 'string' ? this.jobs.get(importId) : undefined;
    if (!job) throw new AppError('import_not_found', 'import not found');
    return { ...this.statusOf(job), items: job.results.map((result) => ({ ...result })) };
  }

  /** Stops after the chunk in progress; items not reached stay `pending`… then fail as cancelled. */
  cancel(importId: unknown): ImportStatus {
    const job = typeof importId === 'string' ? this.jobs.get(importId) : undefined;
    if (!job) throw new AppError('import_not_found', 'import not found');
    job.cancelled = true;
    return this.statusOf(job);
  }

  /** Resolves when the job has finished (for tests and the window's awaiting callers). */
  async whenDone(importId: string, timeoutMs = 60_000): Promise<ImportStatus> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const job = this.jobs.get(importId);
      if (!job) throw new AppError('import_not_found', 'import not found');
      if (job.finishedAt !== null) return this.statusOf(job);
      if (performance.now() > deadline)
        throw new Error(`import ${importId} still running after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  private async run(job: Job): Promise<void> {
    const seen = new Set<string>();
    try {
      for (let start = 0; start < job.request.items.length; start += CHUNK) {
        if (job.cancelled) break;
        const positions = [...Array(Math.min(CHUNK, job.request.items.length - start)).keys()].map(
          (i) => start + i,
        );
        const imported = this.importChunk(job, positions, seen);
        if (job.request.generatePreviews && this.findMixdowns) await this.detectMixdowns(job, imported);
        this.emitProgress(job);
        // Yield to the event loop between chunks so requests keep being answered.
        await new Promise((resolve) => setImmediate(resolve));
      }
    } catch (error) {
      this.logger.error('import failed', { importId: job.id, error: String(error) });
      for (const result of job.results) {
        if (result.status === 'pending')
          Object.assign(result, { status: 'failed', reason: 'import stopped by an internal error' });
      }
    }
    for (const [position, result] of job.results.entries()) {
      if (result.status === 'pending') {
        Object.assign(result, { status: 'failed', reason: 'import cancelled' });
        this.statements.updateItem.run('failed', null, 'import cancelled', job.id, position);
      }
    }
    job.finishedAt = performance.now();
    this.statements.finishJob.run(
      job.cancelled ? 'cancelled' : 'done',
      this.clock.now().toISOString(),
      job.id,
    );
    this.emitProgress(job);
  }

  /** One chunk, one transaction: classify each item, create the new sessions in bulk. */
  private importChunk(
    job: Job,
    positions: number[],
    seen: Set<string>,
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
        created.push({ position, seq: this.sessions.requireSeq(row.id), sessionId: row.id });
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
    })();
    if (created.length > 0)
      this.events.emit({ type: 'sessions.created', ids: created.map((c) => c.sessionId) });
    return created;
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
      if (job.cancelled) return;
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

  private statusOf(job: Job): ImportStatus {
    let completed = 0;
    let failed = 0;
    let skipped = 0;
    for (const result of job.results) {
      if (result.status === 'imported') completed++;
      else if (result.status === 'failed') failed++;
      else if (result.status === 'skipped') skipped++;
    }
    return {
      importId: job.id,
      total: job.results.length,
      completed,
      failed,
      skipped,
      done: job.finishedAt !== null,
      durationMs: Math.round((job.finishedAt ?? performance.now()) - job.startedAt),
      cancelled: job.cancelled,
    };
  }

  private emitProgress(job: Job): void {
    this.events.emit({ type: 'import.progress', status: this.statusOf(job) });
  }

  private forgetOldJobs(): void {
    const finished = [...this.jobs.values()].filter((job) => job.finishedAt !== null);
    for (const job of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED_JOBS)))
      this.jobs.delete(job.id);
  }
}

function titleFromPath(path: string): string {
  const name = basename(path.replace(/[\\/]+$/, ''));
  return (name.slice(0, name.length - extname(name).length) || name).slice(0, 200);
}
