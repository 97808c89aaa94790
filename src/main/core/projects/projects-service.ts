import type { Database } from 'better-sqlite3';
import type { PluginUsage, ProjectSummary, ProjectView } from '../../../shared/project-metadata';
import { invalidInput } from '../../../shared/errors';
import type { Logger } from '../adapters';
import type { Clock } from '../clock';
import type { GroupCommit } from '../db/group-commit';
import type { CoreEvents } from '../events';
import type { SessionsService } from '../sessions/sessions-service';
import { projectFingerprint, type ProjectFingerprint } from './project-fingerprint';
import type { ProjectReadSource } from './project-pool';
import type { ProjectReadOutcome } from './read-project';
import { ProjectStore } from './project-store';

export interface ProjectsServiceOptions {
  /** Reads in flight at once (queued in the pool's workers). */
  concurrency?: number;
  /**
   * Sessions whose project was never read (a library from before issue 12, or reads cut short by
   * a quit) are read in the background this long after start. Null: never.
   */
  backfillDelayMs?: number | null;
}

/** Most plugins `GET /plugins` and the sidebar list. */
export const PLUGINS_MAX = 1_000;
const BACKFILL_PAGE = 500;
/** How often the backfill saves where it got to. */
const BACKFILL_MARK_EVERY_MS = 10_000;
/** Reads that land within this long of each other are stored in one transaction. */
const SAVE_DELAY_MS = 100;
/** Most sessions one `summaries` call answers for (the window asks per loaded chunk). */
const SUMMARIES_MAX = 1_000;

/**
 * What each session's project file says (issue 12), behind both doors. Reads happen in the
 * background, never in a request: after a session is created or imported (the answer is already
 * sent), when its project path changes (relink), when the file changed since the last read (seen
 * when the project is asked for), and once for sessions never read. A read is skipped when the
 * file's size and mtime are those of the last read. Results are written like any other write,
 * shared in the turn's group commit, and announced as `project.read`.
 */
export class ProjectsService {
  private readonly store: ProjectStore;
  private readonly queue = new Set<string>();
  /** Sessions whose project is being read right now. */
  private readonly reading = new Set<string>();
  private inFlight = 0;
  private readonly idleWaiters: (() => void)[] = [];
  private backfillTimer: NodeJS.Timeout | null = null;
  private readonly unsaved: {
    id: string;
    due: { path: string; fingerprint: ProjectFingerprint };
    outcome: ProjectReadOutcome;
    saved: () => void;
  }[] = [];
  private saveTimer: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly concurrency: number;

  constructor(
    private readonly db: Database,
    private readonly sessions: SessionsService,
    private readonly events: CoreEvents,
    private readonly writes: GroupCommit,
    private readonly source: ProjectReadSource | null,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly options: ProjectsServiceOptions = {},
  ) {
    this.store = new ProjectStore(db);
    this.concurrency = options.concurrency ?? 16;
  }

  /** Follows session writes and schedules the backfill. */
  start(): void {
    this.events.subscribe((event) => {
      if (event.type === 'session.created' || event.type === 'session.updated')
        this.schedule(event.session.id);
      if (event.type === 'sessions.created') for (const id of event.ids) this.schedule(id);
    });
    const delay = this.options.backfillDelayMs === undefined ? 3_000 : this.options.backfillDelayMs;
    if (delay !== null && this.source !== null) {
      this.backfillTimer = setTimeout(() => void this.backfill(), delay);
      this.backfillTimer.unref();
    }
  }

  close(): void {
    this.closed = true;
    // Reads already done are kept: the library is still open when the core closes its services.
    if (this.saveTimer !== null) clearTimeout(this.saveTimer);
    this.saveReads();
    if (this.backfillTimer !== null) clearTimeout(this.backfillTimer);
    this.queue.clear();
  }

  /** `GET /sessions/{id}/project`: the last read, or why there is none; a stale one is read again. */
  project(sessionId: unknown): ProjectView {
    const session = this.sessions.get(sessionId);
    const ref = this.store.session(session.id);
    const empty = {
      sessionId: session.id,
      projectPath: session.projectPath,
      readAt: null,
      dawVersion: null,
      tempo: null,
      timeSignature: null,
      key: null,
      sampleRate: null,
      trackCount: 0,
      tracks: [],
      plugins: [],
      samples: [],
      savedAt: null,
      sampleCount: 0,
      missingSampleCount: 0,
    };
    if (ref === null || session.projectPath === null) {
      return { ...empty, status: 'missing', message: 'This session has no project file.' };
    }
    const now = projectFingerprint(session.projectPath);
    const stored = this.store.get(ref.seq);
    if (now === null) {
      if (stored !== null) this.schedule(session.id);
      return {
        ...empty,
        status: 'missing',
        message: 'The project file is missing: it was moved or deleted.',
      };
    }
    if (stored === null || stored.path !== session.projectPath) {
      this.schedule(session.id);
      return { ...empty, status: 'pending', message: 'The project file has not been read yet.' };
    }
    if (stored.size !== now.size || stored.mtimeMs !== now.mtimeMs) this.schedule(session.id);
    return {
      ...empty,
      ...(stored.metadata ?? {}),
      status: stored.status,
      message: stored.message,
      readAt: stored.readAt,
      sampleCount: stored.sampleCount,
      missingSampleCount: stored.missingSampleCount,
    };
  }

  /**
   * The list's and grid's project columns for the sessions on screen (unknown ids are left out);
   * each is also checked for a changed file.
   */
  summaries(ids: unknown): Record<string, ProjectSummary> {
    if (!Array.isArray(ids) || ids.length > SUMMARIES_MAX) {
      throw invalidInput(`sessionIds must be an array of at most ${SUMMARIES_MAX} session ids`);
    }
    const seqs = new Map<number, string>();
    for (const id of ids) {
      const ref = typeof id === 'string' ? this.store.session(id) : null;
      if (ref !== null) seqs.set(ref.seq, id);
    }
    // The rows on screen are the ones worth keeping fresh: a project saved in its DAW since its
    // last read is read again (a stat each when nothing changed).
    for (const id of seqs.values()) this.schedule(id);
    const stored = this.store.summaries([...seqs.keys()]);
    const result: Record<string, ProjectSummary> = {};
    for (const [seq, id] of seqs) {
      result[id] = stored.get(seq) ?? {
        status: 'pending',
        dawVersion: null,
        tempo: null,
        missingSampleCount: 0,
      };
    }
    return result;
  }

  plugins(): PluginUsage[] {
    return this.store.plugins(PLUGINS_MAX);
  }

  missingSamplesCount(): number {
    return this.store.missingSamplesCount();
  }

  /** Reads a session's project now unless the last read is current; resolves with the result. */
  async refresh(sessionId: unknown): Promise<ProjectView> {
    const session = this.sessions.get(sessionId);
    if (this.reading.has(session.id)) {
      await this.whenIdle();
    } else {
      const due = this.dueRead(session.id);
      if (due !== null) {
        this.reading.add(session.id);
        try {
          await this.read(session.id, due);
        } finally {
          this.reading.delete(session.id);
        }
      }
    }
    return this.project(session.id);
  }

  /** Resolves when nothing is queued or being read (tests, the bench, a quit). */
  whenIdle(): Promise<void> {
    if (this.queue.size === 0 && this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Queues a session's project for a read (a no-op when its last read is current). */
  schedule(sessionId: string): void {
    if (this.closed || this.source === null) return;
    this.queue.add(sessionId);
    this.pump();
  }

  private pump(): void {
    while (this.inFlight < this.concurrency && this.queue.size > 0) {
      const id = this.queue.values().next().value as string;
      this.queue.delete(id);
      // Deciding is synchronous and cheap (one lookup, one stat): an unchanged project costs no
      // promise, so re-checking a whole library stays fast.
      // Being read already: one read at a time per session (what it stores is checked afterwards).
      if (this.reading.has(id)) continue;
      const due = this.dueRead(id);
      if (due === null) continue;
      this.inFlight++;
      this.reading.add(id);
      void this.read(id, due)
        .catch((error: unknown) => this.logger.warn('reading a project failed', { id, error: String(error) }))
        .finally(() => {
          this.inFlight--;
          this.reading.delete(id);
          this.pump();
        });
    }
    if (this.queue.size === 0 && this.inFlight === 0) for (const wake of this.idleWaiters.splice(0)) wake();
  }

  /** The project to read for a session, or null when there is nothing to do (dropping a stale read). */
  private dueRead(id: string): { path: string; fingerprint: ProjectFingerprint } | null {
    if (this.source === null || this.closed) return null;
    const state = this.store.readState(id);
    if (state === null) return null;
    const path = state.projectPath;
    const now = path === null ? null : projectFingerprint(path);
    if (path === null || now === null) {
      // No project on disk: what was read from it no longer describes anything there.
      if (state.last !== null && this.write(() => this.store.remove(state.seq))) {
        this.events.emit({ type: 'project.read', sessionId: id });
      }
      return null;
    }
    const last = state.last;
    const current =
      last !== null && last.path === path && last.size === now.size && last.mtimeMs === now.mtimeMs;
    return current ? null : { path, fingerprint: now };
  }

  private async read(id: string, due: { path: string; fingerprint: ProjectFingerprint }): Promise<void> {
    const outcome = await this.source!.read(due.path);
    if (this.closed) return;
    await new Promise<void>((resolve) => {
      this.unsaved.push({ id, due, outcome, saved: resolve });
      this.saveTimer ??= setTimeout(() => this.saveReads(), SAVE_DELAY_MS);
    });
  }

  /**
   * Stores the reads that arrived since the last call, in one transaction. Results come back one
   * worker message at a time; saving each in its own commit cost a WAL fsync per project and kept
   * the main thread busy for most of a bulk read.
   */
  private saveReads(): void {
    this.saveTimer = null;
    const batch = this.unsaved.splice(0);
    const readAt = this.clock.now().toISOString();
    const saved: string[] = [];
    this.write(() => {
      for (const { id, due, outcome } of batch) {
        // The session may have been deleted or relinked while its file was read.
        const now = this.store.session(id);
        if (now === null || now.projectPath !== due.path) continue;
        try {
          this.store.save(now.seq, due.path, due.fingerprint, outcome, readAt);
          saved.push(id);
        } catch (error) {
          // Its own savepoint rolled back: the others in the batch are still stored.
          this.logger.warn('saving a project read failed', { id, error: String(error) });
        }
      }
    });
    for (const id of saved) this.events.emit({ type: 'project.read', sessionId: id });
    for (const { saved: done } of batch) done();
  }

  /** A write in the turn's group commit; false when the library cannot be written (read-only). */
  private write(change: () => void): boolean {
    if (this.db.readonly) return false;
    try {
      this.writes.begin();
      change();
      return true;
    } catch (error) {
      this.logger.warn('saving a project read failed', { error: String(error) });
      return false;
    }
  }

  /**
   * Reads, page by page, the sessions whose project was never read: a library from before issue 12,
   * or reads a quit cut short. Where it got to is remembered, so a start does not look at a million
   * sessions again (those whose project is not on this disk are never stored, so they would always
   * look unread); sessions created later are read when they are created. The event loop runs
   * between pages.
   */
  private async backfill(): Promise<void> {
    const start = this.store.backfillMark();
    let after = start;
    let marked = performance.now();
    // Any write makes the list forget the pages it remembers (sessions/list-memo.ts), so the mark
    // is saved now and then, not per page.
    const mark = (): void => {
      if (after !== start) this.write(() => this.store.setBackfillMark(after));
      marked = performance.now();
    };
    while (!this.closed) {
      const page = this.store.unread(after, BACKFILL_PAGE);
      if (page.length === 0) break;
      for (const { id } of page) this.schedule(id);
      after = page[page.length - 1]!.seq;
      await this.whenIdle();
      await new Promise((resolve) => setImmediate(resolve));
      if (performance.now() - marked > BACKFILL_MARK_EVERY_MS) mark();
    }
    if (!this.closed) mark();
  }
}
