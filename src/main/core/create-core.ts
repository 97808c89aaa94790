import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { Logger, Opener, WindowFocus } from './adapters';
import { silentLogger } from './adapters';
import { TokenStore } from './auth/token-store';
import { AutomationService } from './automation/automation-service';
import { systemClock, type Clock } from './clock';
import { GroupCommit } from './db/group-commit';
import {
  BackgroundIntegrityCheck,
  type BackgroundCheckOutcome,
  type BackgroundCheckState,
} from './db/background-check';
import { recordCleanShutdown } from './db/clean-shutdown';
import { openLibrary, type LibraryProblem, type StartupCheck } from './db/open-library';
import { Diagnostics } from './diagnostics';
import { CoreEvents } from './events';
import { ArtworkService, type ArtworkServiceOptions } from './artwork/artwork-service';
import { CollectionScope } from './collections/collection-scope';
import { CollectionsRepository } from './collections/collections-repository';
import { CollectionsService } from './collections/collections-service';
import { DeletedSessions } from './sessions/deleted-sessions';
import { SessionsRepository } from './sessions/sessions-repository';
import { PreviewsService } from './previews/previews-service';
import { ImportService, type MixdownFinder } from './imports/import-service';
import { WaveformService, type PeaksSource } from './waveforms/waveform-service';
import { PeaksWorkerPool } from './audio';
import { findMixdowns } from './scan';
import { FolderScanService } from './scan/folder-scan-service';
import { WaveformNotesService } from './waveform-notes/waveform-notes-service';
import { SessionsService } from './sessions/sessions-service';
import { SettingsService } from './settings/settings-service';
import { ProjectReadPool, type ProjectReadSource } from './projects/project-pool';
import { ProjectsService } from './projects/projects-service';
import { backupsDirOf } from './backups/backup-names';
import { BackupService, type AutomaticBackups } from './backups/backup-service';
import { preMigrationBackups } from './backups/pre-migration-backup';

export const LIBRARY_FILE_NAME = 'library.sqlite';

export interface CoreOptions {
  /** The app's data folder: created with mode 0700 if missing. */
  dataDir: string;
  clock?: Clock;
  /** Launches projects; headless uses the OS handler, tests a recording fake. */
  opener?: Opener;
  /** The window, or null where there is none (headless): focus then answers 501. */
  windowFocus?: WindowFocus | null;
  logger?: Logger;
  /** Computes peaks off the main thread (default: a worker pool; null: no waveforms). */
  peaksSource?: PeaksSource | null;
  /** Reads project files off the main thread (default: a worker pool; null: never read). */
  projectReader?: ProjectReadSource | null;
  /** When sessions never read are read in the background (default 3000 ms after start; null: never). */
  projectBackfillDelayMs?: number | null;
  /** Thumbnail limits and the start-up sweep of unused images (issue 13 §2); see ArtworkService. */
  artwork?: ArtworkServiceOptions;
  /** Look for artwork in each imported project's folder (default true). */
  findArtworkOnImport?: boolean;
  /** Mixdown detection for imports with generatePreviews (default: the scanner's; null: none). */
  findMixdowns?: MixdownFinder | null;
  /** When a group commit runs (default: at the end of the turn); tests delay it to watch replies wait. */
  scheduleCommit?: (commit: () => void) => void;
  /**
   * After a clean shutdown the library is served at once and fully checked in the background,
   * this long after start (default 2000 ms: the first requests and rows come first). Null: never.
   */
  backgroundCheckDelayMs?: number | null;
  /**
   * When the library is backed up automatically if its newest backup is older than a day
   * (default: 20 s after start, then hourly; null: never). See backups/README.md.
   */
  automaticBackups?: AutomaticBackups | null;
}

const DEFAULT_AUTOMATIC_BACKUPS: AutomaticBackups = { delayMs: 20_000, intervalMs: 60 * 60_000 };

/** How the library's integrity was checked this run (see db/README.md, "Checking the library"). */
export interface LibraryCheck {
  /** `new` and `before-serving` need nothing more; `deferred` has a background check. */
  readonly atStart: StartupCheck;
  /** The background check's state, or null when there is none. */
  background(): BackgroundCheckState | null;
  /** Resolves when the background check ended (at once with null when there is none). */
  backgroundOutcome(): Promise<BackgroundCheckOutcome | null>;
}

export interface Core {
  readonly dataDir: string;
  readonly libraryPath: string;
  readonly db: Database;
  /** Shares one commit among the writes of one turn of the event loop; see db/group-commit.ts. */
  readonly writes: GroupCommit;
  readonly clock: Clock;
  readonly events: CoreEvents;
  readonly sessions: SessionsService;
  readonly settings: SettingsService;
  readonly automation: AutomationService;
  readonly previews: PreviewsService;
  readonly waveformNotes: WaveformNotesService;
  readonly imports: ImportService;
  /** "Add folder…": what a folder holds, new or already in the library, before importing. */
  readonly folderScan: FolderScanService;
  readonly waveforms: WaveformService;
  /** What each session's project file says (issue 12). */
  readonly projects: ProjectsService;
  /** Manual and smart collections of sessions (issue 13). */
  readonly collections: CollectionsService;
  /** Each session's artwork and its thumbnails (issue 13 §2). */
  readonly artwork: ArtworkService;
  readonly token: TokenStore;
  readonly diagnostics: Diagnostics;
  readonly logger: Logger;
  readonly opener: Opener | null;
  readonly windowFocus: WindowFocus | null;
  /**
   * Set when a damaged library was moved aside at start, or when the background check found
   * damage in the open library (`movedTo` null: read-only from then on, moved aside at the next start).
   */
  readonly libraryProblem: LibraryProblem | null;
  readonly libraryCheck: LibraryCheck;
  /** The library's backups in `<data dir>/backups/` (issue 13 §3). */
  readonly backups: BackupService;
  /** The API base URL for the saved port; the API server overrides it while listening elsewhere. */
  apiBaseUrl(): string;
  setListeningPort(port: number | null): void;
  /** False when the library cannot be written (opened read-only); the API then grants read-only. */
  canWrite(): boolean;
  /** Increases with every change to the library's sessions; lets readers cache between writes. */
  libraryVersion(): number;
  rotateToken(): Promise<string>;
  close(): void;
}

/** Builds the whole Electron-free core from injected adapters. */
export function createCore(options: CoreOptions): Core {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  chmodSync(options.dataDir, 0o700);

  const libraryPath = join(options.dataDir, LIBRARY_FILE_NAME);
  const backupsDir = backupsDirOf(options.dataDir);
  const preMigration = preMigrationBackups(libraryPath, backupsDir, clock, logger);
  const opened = openLibrary(libraryPath, () => clock.now(), { beforeMigration: preMigration.backUp });
  const db = opened.db;
  let problem = opened.problem;
  const diagnostics = new Diagnostics(() => clock.now());
  preMigration.reportTo(diagnostics);
  if (problem) {
    diagnostics.record(problem.message);
    logger.error(problem.message);
  }
  if (opened.check === 'before-serving' && !problem) {
    logger.info('the library was not closed cleanly last time: it was checked before opening');
  }
  /** Damage found while open: nothing more is written, and no clean shutdown is recorded. */
  let damagedWhileOpen = false;

  const events = new CoreEvents((error) => logger.error('change listener failed', { error: String(error) }));
  let version = 0;
  // Subscribed first, so the version has moved before any other listener hears of a change.
  events.subscribe((event) => {
    // A project read changes what the project filters select, like a session write; a collection
    // write changes what `collection=` lists.
    if (
      event.type.startsWith('session') ||
      event.type.startsWith('collection') ||
      event.type === 'project.read'
    )
      version++;
  });
  const writes = new GroupCommit(
    db,
    (error) => {
      const message = `Saving changes failed: ${error instanceof Error ? error.message : String(error)}`;
      diagnostics.record(message);
      logger.error(message);
      events.emit({ type: 'sessions.reverted' });
    },
    options.scheduleCommit,
  );
  const settings = new SettingsService(db, events);
  let listeningPort: number | null = null;
  const apiBaseUrl = (): string => `http://127.0.0.1:${listeningPort ?? settings.get().apiPort}/api/v1`;
  const sessions = new SessionsService(
    new SessionsRepository(db),
    events,
    clock,
    { apiBaseUrl, fileExists: existsSync },
    new DeletedSessions(db),
    new CollectionScope(db),
  );
  const collections = new CollectionsService(new CollectionsRepository(db), sessions, events, clock);
  const previews = new PreviewsService(db, sessions, clock, events);
  const waveformNotes = new WaveformNotesService(db, sessions, previews, clock);
  // Workers start only when a waveform is first asked for, and idle ones do not keep Node alive.
  const ownPool = options.peaksSource === undefined ? new PeaksWorkerPool() : null;
  const waveforms = new WaveformService(db, previews, options.peaksSource ?? ownPool, clock);
  const artwork = new ArtworkService(db, sessions, writes, clock, logger, options.dataDir, {
    ...options.artwork,
    // A library moved aside at start still names its stored images: none is swept away.
    skipSweep: options.artwork?.skipSweep === true || problem !== null,
  });
  const imports = new ImportService(
    db,
    sessions,
    previews,
    events,
    clock,
    logger,
    options.findMixdowns === undefined ? findMixdowns : options.findMixdowns,
    (sessionId, previewId) => waveforms.precompute(sessionId, previewId),
    options.findArtworkOnImport === false
      ? null
      : {
          find: (projectPath) => artwork.findForProject(projectPath),
          attach: (sessionSeq, found) => artwork.attachFound(sessionSeq, found),
        },
  );
  const ownProjectPool = options.projectReader === undefined ? new ProjectReadPool() : null;
  const projects = new ProjectsService(
    db,
    sessions,
    events,
    writes,
    options.projectReader === undefined ? ownProjectPool : options.projectReader,
    clock,
    logger,
    { backfillDelayMs: options.projectBackfillDelayMs },
  );
  projects.start();
  const automation = new AutomationService(
    sessions,
    options.opener ?? null,
    options.windowFocus ?? null,
    logger,
  );
  const token = new TokenStore(options.dataDir);
  let closed = false;

  const onBackgroundOutcome = (outcome: BackgroundCheckOutcome): void => {
    if (outcome.state === 'ok') logger.info('library integrity check (background): ok');
    if (outcome.state === 'failed') {
      logger.warn('library integrity check (background) could not run', { reason: outcome.detail });
    }
    if (outcome.state !== 'damaged' || closed) return;
    const message =
      `The library file is damaged (${outcome.detail}). SessionDock keeps it open read-only, so ` +
      `nothing more is written to it; at the next start it is moved aside as ${LIBRARY_FILE_NAME}.corrupt-<time> ` +
      'next to it and a new, empty library is created.';
    damagedWhileOpen = true;
    problem = { message, movedTo: null };
    // Writes committed so far stay; every later write fails, through the API and the window alike.
    writes.flush();
    db.pragma('query_only = ON');
    diagnostics.record(message);
    logger.error(message);
    // The API's effective mode is now read-only: the event its listeners re-read the status on.
    events.emit({ type: 'settings.changed', settings: settings.get() });
  };
  const delayMs = options.backgroundCheckDelayMs === undefined ? 2000 : options.backgroundCheckDelayMs;
  const backgroundCheck =
    opened.check === 'deferred' && delayMs !== null
      ? new BackgroundIntegrityCheck(libraryPath, { delayMs, onOutcome: onBackgroundOutcome })
      : null;
  const backups = new BackupService({
    libraryPath,
    backupsDir,
    clock,
    logger,
    diagnostics,
    automaticSkipReason: () => {
      if (problem) return 'the library was found damaged this run';
      const count = db.prepare('SELECT sessions FROM session_count WHERE id = 0').pluck().get();
      return count === 0 ? 'the library holds no sessions' : null;
    },
  });
  const automaticBackups =
    options.automaticBackups === undefined ? DEFAULT_AUTOMATIC_BACKUPS : options.automaticBackups;
  if (automaticBackups) backups.startAutomatic(automaticBackups);

  const libraryCheck: LibraryCheck = {
    atStart: opened.check,
    background: () => backgroundCheck?.state() ?? null,
    backgroundOutcome: () => backgroundCheck?.outcome() ?? Promise.resolve(null),
  };

  return {
    dataDir: options.dataDir,
    libraryPath,
    db,
    writes,
    clock,
    events,
    sessions,
    settings,
    automation,
    previews,
    waveformNotes,
    imports,
    folderScan: new FolderScanService(sessions),
    waveforms,
    projects,
    collections,
    artwork,
    token,
    diagnostics,
    logger,
    opener: options.opener ?? null,
    windowFocus: options.windowFocus ?? null,
    get libraryProblem() {
      return problem;
    },
    libraryCheck,
    backups,
    apiBaseUrl,
    setListeningPort(port) {
      listeningPort = port;
    },
    libraryVersion: () => version,
    canWrite() {
      return !db.readonly && !damagedWhileOpen;
    },
    async rotateToken() {
      const next = await token.rotate();
      events.emit({ type: 'token.rotated' });
      return next;
    },
    close() {
      if (closed) return;
      closed = true;
      const checkWasRunning = backgroundCheck?.stop() ?? false;
      const backupWasRunning = backups.stop();
      void ownPool?.close();
      projects.close();
      artwork.close();
      void ownProjectPool?.close();
      writes.flush();
      // The stopped check's read lock goes with its process: waiting for it here (busy_timeout)
      // lets the close fold the WAL into the library and remove it, as when nothing else reads.
      if (checkWasRunning || backupWasRunning) db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
      if (damagedWhileOpen) return;
      try {
        recordCleanShutdown(libraryPath, clock.now());
      } catch (error) {
        // Costs only a full check at the next start.
        logger.warn('could not record the clean shutdown', { error: String(error) });
      }
    },
  };
}
