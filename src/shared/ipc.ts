// The typed IPC contract between the window (renderer) and main. Channel names are `domain:verb`.
// Main registers handlers only through src/main/ipc/register-handlers.ts; the preload exposes one
// function per entry of IPC_METHODS on `window.sessionDock`. Every result crosses as a Result.

import type {
  ApiMode,
  Collection,
  ImportItemResult,
  ImportStatus,
  ListMeta,
  PreviewInfo,
  PreviewSummary,
  Session,
  SessionKind,
  SessionWrite,
  TagCount,
  Waveform,
  WaveformNoteLane,
} from './domain';
import type { Result } from './result';
import type { PluginUsage, ProjectSummary, ProjectView } from './project-metadata';

/** A list query as the window sends it; validated in main exactly like the API's query string. */
export interface ListQueryInput {
  q?: string;
  kind?: string;
  status?: string;
  tags?: string[];
  recent?: boolean;
  plugin?: string;
  tempoMin?: number;
  tempoMax?: number;
  key?: string;
  missingSamples?: boolean;
  /** A collection's id (issue 13): its sessions (a manual one in its own order when no sort is given). */
  collection?: string;
  sort?: string;
  limit?: number;
  offset?: number;
}

/** Writable fields as the window sends them (validated in main like API bodies). */
export type SessionWriteInput = Partial<Record<keyof SessionWrite, unknown>>;

/**
 * A collection's create or patch body as the window sends it (validated in main like
 * `POST`/`PATCH /collections`): `name`, `kind` (create only), `query` (smart only: the list's
 * filters, as `ListQueryInput` holds them), `position` (patch only).
 */
export interface CollectionWriteInput {
  name?: unknown;
  kind?: unknown;
  query?: unknown;
  position?: unknown;
}

export interface RecentRequestView {
  method: string;
  path: string;
  statusCode: number;
  at: string;
}

/** A subprocess an MCP client starts: Claude Desktop's `command`, `args` and `env`. */
export interface McpBridgeLaunch {
  command: string;
  args: string[];
  env: Record<string, string>;
}

/** Everything Settings shows about the Local API and the library. */
export interface LocalApiView {
  configuredMode: ApiMode;
  effectiveMode: ApiMode;
  running: boolean;
  /** The saved port. */
  port: number;
  /** The port listened on right now, or null. */
  listeningPort: number | null;
  baseUrl: string;
  docsUrl: string;
  /** The MCP endpoint for AI agents, on the same server and token as the API. */
  mcpUrl: string;
  /** How a stdio-only MCP client starts SessionDock's bridge, or null where it cannot be told. */
  mcpBridge: McpBridgeLaunch | null;
  token: string;
  /** Why the API is not running although it should (port in use…), or null. */
  problem: string | null;
  lastError: string | null;
  requestCount: number;
  recentRequests: RecentRequestView[];
  dataDir: string;
  libraryPath: string;
  /** Set when a damaged library was moved aside at start. */
  libraryProblem: string | null;
  /** Keep the API running (tray icon) after the window is closed. */
  keepApiInBackground: boolean;
}

/** What "Add folder…" found, before anything is imported. */
/** A project the "Add folder…" scan found, as the review lists it. */
export interface FolderScanProject {
  path: string;
  kind: SessionKind;
  isBundle: boolean;
  inLibrary: boolean;
  /** Why the review leaves it unticked ("REAPER template", "Ableton preset"); absent for a song. */
  reason?: string;
  /**
   * An older version of a song found beside it (`Song v2.als` next to `Song final.als`): the path of
   * the newest version, which the review lists it under, unticked. Absent for the newest and for a
   * project alone.
   */
  versionOf?: string;
  /** When it was last saved, for the versions of a group (the review shows the dates). */
  mtimeMs?: number;
}

export interface FolderScanResult {
  root: string;
  projects: FolderScanProject[];
  /** Files or folders that could not be read (the scan went on without them). */
  problems: { path: string; reason: string }[];
  durationMs: number;
}

export interface ListResult {
  data: Session[];
  meta: ListMeta;
}

/** A backup as Settings → Library lists it (issue 13 §3). */
export interface BackupView {
  name: string;
  path: string;
  /** When it was started (UTC, to the second). */
  createdAt: string;
  size: number;
  /**
   * `daily` and `weekly`: kept by the 7 daily + 4 weekly rule; `pre-migration`: the library before
   * an upgrade changed it; `pre-restore`: the library before a backup replaced it.
   */
  kind: 'daily' | 'weekly' | 'pre-migration' | 'pre-restore';
  /** For `pre-migration`: the schema version the library had; otherwise null. */
  fromVersion: number | null;
}

/** Settings → Library: where the library is, and its backups. */
export interface LibraryView {
  dataDir: string;
  libraryPath: string;
  /** Bytes of the library file and its WAL. */
  librarySize: number;
  backupsDir: string;
  /** Newest first. */
  backups: BackupView[];
  /** A backup is being made now (automatic or "Back up now"). */
  backupRunning: boolean;
  /** Why the last backup failed (also health's lastError), or null when it succeeded. */
  lastBackupFailure: { message: string; at: string } | null;
}

/** "Restore…" done: the window reloads on the restored library right after this answer. */
export interface RestoreResult {
  restoredFrom: string;
  /** The library as it was before, kept as a pre-restore backup. */
  previous: BackupView;
  /** The restored file's schema version (an older one was upgraded on opening). */
  schemaVersion: number;
}

export type ExportFormat = 'json' | 'csv';

export interface ExportResult {
  path: string;
  format: ExportFormat;
  sessions: number;
  /** JSON: the collections written (null without collections); CSV: null. */
  collections: number | null;
  bytes: number;
}

export interface MergeCountsView {
  added: number;
  updated: number;
  /** In the library already, and not older there: left as they were. */
  unchanged: number;
}

/** "Import from JSON" done (merged by id: a session in the file replaces the library's only when newer). */
export interface LibraryImportResult {
  path: string;
  sessions: MergeCountsView;
  collections: MergeCountsView | null;
  /** Previews and waveform notes given new ids because another session had theirs. */
  renumbered: number;
  /** Manual collection members that are not in the library (left out). */
  missingMembers: number;
  /** Collections imported under another name: `Name → Name (imported)`. */
  renamed: string[];
}

export interface OpenResult {
  id: string;
  opened: boolean;
  focused: boolean;
}

/**
 * A session's artwork as the list, the grid and the detail panel show it (issue 13 §2). The
 * window gets thumbnails as URLs of the app's media protocol, made and decoded in main; never image
 * bytes over IPC. The published Session object does not carry artwork: the window asks
 * `artwork:summaries` for the sessions it shows (and again for one whose `sessions:changed`
 * update it hears: setting or removing artwork updates the session).
 */
export interface ArtworkSummary {
  /** `file`: chosen by path; `found`: found in the project's folder on import; `stored`: pasted or dropped. */
  source: 'file' | 'found' | 'stored';
  /** 160 px square (cropped from the centre), for list rows and grid cards. */
  smallUrl: string;
  /** The whole image within 640 × 640, for the detail panel. */
  largeUrl: string;
}

/** The detail panel's artwork: the summary, what the image is, and whether it can be shown. */
export interface ArtworkView extends ArtworkSummary {
  /** The user's image file, or null for an image pasted or dropped (kept by SessionDock). */
  path: string | null;
  format: 'png' | 'jpeg' | 'webp' | 'gif';
  /** As read when the artwork was set. */
  width: number;
  height: number;
  setAt: string;
  /** `missing`: the file is gone; `unreadable`: a thumbnail of it failed. The window shows a placeholder. */
  status: 'ready' | 'missing' | 'unreadable';
  /** Why it is missing or unreadable, or null. */
  message: string | null;
}

/** Invoke channels: channel → handler signature (arguments → value inside the Result). */
export interface IpcInvokeContract {
  'sessions:list': (query: ListQueryInput) => ListResult;
  'sessions:get': (id: string) => Session;
  'sessions:create': (body: SessionWriteInput) => Session;
  'sessions:patch': (id: string, body: SessionWriteInput) => Session;
  'sessions:delete': (id: string) => { deleted: true; id: string };
  /** Undo of the last deletes: brings the session back with everything it had. */
  'sessions:restore': (id: string) => Session;
  'sessions:open': (id: string) => OpenResult;
  /** Which project paths exist on disk (for the missing-project indicator). */
  'sessions:checkPaths': (paths: string[]) => Record<string, boolean>;
  'sessions:reveal': (id: string) => { revealed: boolean };
  'tags:counts': () => TagCount[];
  /** What the session's project file says (the same answer as `GET /sessions/{id}/project`). */
  'projects:get': (sessionId: string) => ProjectView;
  /** Reads the project file now unless the last read is current, then answers as `projects:get`. */
  'projects:refresh': (sessionId: string) => ProjectView;
  /** The list's and grid's project columns for the sessions on screen. */
  'projects:summaries': (sessionIds: string[]) => Record<string, ProjectSummary>;
  /** The sidebar's Plugins section (the same answer as `GET /plugins`). */
  'projects:plugins': () => PluginUsage[];
  /** The sidebar's "Missing samples" count. */
  'projects:missingSamplesCount': () => number;
  'dialog:chooseProject': () => string | null;
  'localApi:status': () => LocalApiView;
  'localApi:setMode': (mode: ApiMode) => LocalApiView;
  'localApi:setPort': (port: number) => LocalApiView;
  'localApi:rotateToken': () => LocalApiView;
  'localApi:setKeepInBackground': (keep: boolean) => LocalApiView;
  'dialog:chooseFolder': () => string | null;
  'import:scanFolder': (path: string) => FolderScanResult;
  /** `projectType`: the kind the scan found (a bundle known by its contents has no telling extension). */
  'import:start': (request: {
    items: { projectPath: string; projectType?: SessionKind }[];
    generatePreviews?: boolean;
  }) => ImportStatus;
  'import:status': (importId: string) => ImportStatus & { items: ImportItemResult[] };
  'import:cancel': (importId: string) => ImportStatus;
  'dialog:chooseAudio': () => string[];
  'previews:attach': (
    sessionId: string,
    body: { path: string; name?: string; preferred?: boolean },
  ) => PreviewSummary;
  'previews:detach': (sessionId: string, previewId: string) => { deleted: true; id: string };
  /** The same answer as `PUT /api/v1/sessions/{id}/preview`: the session's preview info. */
  'previews:prefer': (sessionId: string, previewId: string | null) => PreviewInfo;
  'previews:waveform': (sessionId: string, previewId: string, points: number) => Waveform;
  /** A URL the window's <audio> element can stream (Range-capable), valid while the app runs. */
  'previews:mediaUrl': (sessionId: string, previewId: string) => string;
  'waveformNotes:get': (sessionId: string, previewId: string) => WaveformNoteLane;
  /** The window drew the library's first answer (or could not): the smoke test waits for it. */
  'app:rendered': (report: RenderedReport) => null;
  'waveformNotes:replace': (
    sessionId: string,
    previewId: string,
    notes: { id?: string; timestamp: number; text: string }[],
  ) => WaveformNoteLane;
  /** The sidebar's collections, in order, with counts (the same answer as `GET /collections`). */
  'collections:list': () => Collection[];
  'collections:get': (id: string) => Collection;
  'collections:create': (body: CollectionWriteInput) => Collection;
  /** Rename, move (`position`) or change a smart collection's filters (`PATCH /collections/{id}`). */
  'collections:update': (id: string, body: CollectionWriteInput) => Collection;
  'collections:delete': (id: string) => { deleted: true; id: string };
  /** A manual collection holds exactly these sessions, in this order (`PUT …/sessions`). */
  'collections:setSessions': (id: string, sessionIds: string[]) => Collection;
  /**
   * Adds sessions (one, or a multi-selection at once); with `position`, puts them there, moving
   * those already in it: a drag within the collection (`POST …/sessions`).
   */
  'collections:addSessions': (id: string, sessionIds: string[], position?: number) => Collection;
  'collections:removeSession': (id: string, sessionId: string) => Collection;
  /** The ids of the collections (manual and smart) that hold a session now, in sidebar order. */
  'collections:holding': (sessionId: string) => string[];
  /** The artwork of the sessions on screen (at most 1,000 ids); sessions without artwork are left out. */
  'artwork:summaries': (sessionIds: string[]) => Record<string, ArtworkSummary>;
  /** The session's artwork, or null when it has none. */
  'artwork:get': (sessionId: string) => ArtworkView | null;
  /** An image file (chosen, or dropped as a file) becomes the session's artwork; the file is only read. */
  'artwork:setPath': (sessionId: string, path: string) => ArtworkView;
  /**
   * An image pasted or dropped that is not a file: its bytes (at most 20 MiB), checked and stored
   * by SessionDock. The window sends them as they came (clipboard or drag data), never decoded.
   */
  'artwork:setImage': (sessionId: string, image: Uint8Array | ArrayBuffer) => ArtworkView;
  /** Forgets the artwork (a stored image nobody else uses is removed; a user's file never). */
  'artwork:remove': (sessionId: string) => { deleted: true; id: string };
  /** Lets the user pick an image file; null when cancelled. */
  'dialog:chooseImage': () => string | null;
  /** Settings → Library: the library's location, its backups and the last backup failure. */
  'library:view': () => LibraryView;
  /** Shows the library file (or the backups folder) in the file manager. */
  'library:reveal': (what: 'library' | 'backups') => { revealed: boolean };
  /** "Back up now": resolves once the backup is written and checked. */
  'library:backUpNow': () => BackupView;
  /** Lets the user pick a backup file (the backups folder first); null when cancelled. */
  'dialog:chooseBackup': () => string | null;
  /**
   * "Restore…" (after the window's confirmation): the backup is checked, the current library
   * backed up, then the library replaced; the window is reloaded right after this answer.
   * Refused (invalid_input) for a damaged file, one that is not a library, or one from a newer
   * SessionDock, with nothing changed.
   */
  'library:restore': (path: string) => RestoreResult;
  /** Lets the user pick where an export goes; null when cancelled. */
  'dialog:chooseExportPath': (format: ExportFormat) => string | null;
  'library:export': (request: { format: ExportFormat; path: string }) => ExportResult;
  /** Lets the user pick a JSON export to import; null when cancelled. */
  'dialog:chooseImportFile': () => string | null;
  /** "Import from JSON": all or nothing; a file that is not a sound export is refused (invalid_input). */
  'library:import': (path: string) => LibraryImportResult;
}

/** What the window says once it has drawn the library's first answer. */
export interface RenderedReport {
  /** The library's size as the list showed it. */
  sessions: number;
  /** Why the first load failed, or null. */
  error: string | null;
}

export type IpcChannel = keyof IpcInvokeContract;
export type IpcArgs<C extends IpcChannel> = Parameters<IpcInvokeContract[C]>;
export type IpcValue<C extends IpcChannel> = ReturnType<IpcInvokeContract[C]>;

/**
 * Collection changes (issue 13). The window reloads `collections:list` on them (a move renumbers
 * the others), and on `sessions:changed` too: a session's delete, restore or edit changes counts,
 * a smart collection's most of all, without a collection event.
 */
export type CollectionChange =
  | { type: 'created'; collection: Collection }
  | { type: 'updated'; collection: Collection }
  | { type: 'deleted'; id: string }
  /** A manual collection's sessions or their order changed. */
  | { type: 'sessions'; collection: Collection };

/** Change notifications from main, as plain data. */
export type SessionChange =
  | { type: 'created'; session: Session }
  | { type: 'updated'; session: Session }
  | { type: 'deleted'; id: string }
  /** Many sessions arrived at once (an import): reload the list. */
  | { type: 'many'; ids: string[] };

export interface IpcEventContract {
  'sessions:changed': SessionChange;
  'localApi:changed': LocalApiView;
  /** The API (or a second launch) asked the window to show and select a session. */
  'window:focusSession': { id: string };
  /** An import's progress, after every chunk and when it finishes. */
  'import:progress': ImportStatus;
  /** A session's project file was read: its Project section, columns, plugins or counts changed. */
  'projects:read': { sessionId: string };
  /** An application-menu item was chosen (its shortcut is handled by the window itself). */
  'menu:command': { command: MenuCommand };
  'collections:changed': CollectionChange;
}

export const MENU_COMMANDS = [
  'newSession',
  'find',
  'settings',
  'openSelected',
  'deleteSelected',
  'addFolder',
] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];
export type IpcEvent = keyof IpcEventContract;

/** The name of each channel's function on `window.sessionDock`. */
export const IPC_METHODS = {
  listSessions: 'sessions:list',
  getSession: 'sessions:get',
  createSession: 'sessions:create',
  patchSession: 'sessions:patch',
  deleteSession: 'sessions:delete',
  restoreSession: 'sessions:restore',
  openSession: 'sessions:open',
  checkProjectPaths: 'sessions:checkPaths',
  revealSession: 'sessions:reveal',
  tagCounts: 'tags:counts',
  getProject: 'projects:get',
  refreshProject: 'projects:refresh',
  projectSummaries: 'projects:summaries',
  pluginUsage: 'projects:plugins',
  missingSamplesCount: 'projects:missingSamplesCount',
  chooseProject: 'dialog:chooseProject',
  localApiStatus: 'localApi:status',
  setLocalApiMode: 'localApi:setMode',
  setLocalApiPort: 'localApi:setPort',
  rotateLocalApiToken: 'localApi:rotateToken',
  setKeepApiInBackground: 'localApi:setKeepInBackground',
  chooseFolder: 'dialog:chooseFolder',
  scanFolder: 'import:scanFolder',
  startImport: 'import:start',
  importStatus: 'import:status',
  cancelImport: 'import:cancel',
  chooseAudioFiles: 'dialog:chooseAudio',
  attachPreview: 'previews:attach',
  detachPreview: 'previews:detach',
  preferPreview: 'previews:prefer',
  previewWaveform: 'previews:waveform',
  previewMediaUrl: 'previews:mediaUrl',
  waveformNotes: 'waveformNotes:get',
  replaceWaveformNotes: 'waveformNotes:replace',
  reportRendered: 'app:rendered',
  listCollections: 'collections:list',
  getCollection: 'collections:get',
  createCollection: 'collections:create',
  updateCollection: 'collections:update',
  deleteCollection: 'collections:delete',
  setCollectionSessions: 'collections:setSessions',
  addToCollection: 'collections:addSessions',
  removeFromCollection: 'collections:removeSession',
  collectionsHolding: 'collections:holding',
  artworkSummaries: 'artwork:summaries',
  getArtwork: 'artwork:get',
  setArtworkPath: 'artwork:setPath',
  setArtworkImage: 'artwork:setImage',
  removeArtwork: 'artwork:remove',
  chooseImage: 'dialog:chooseImage',
  libraryView: 'library:view',
  revealLibrary: 'library:reveal',
  backUpLibraryNow: 'library:backUpNow',
  chooseBackup: 'dialog:chooseBackup',
  restoreLibrary: 'library:restore',
  chooseExportPath: 'dialog:chooseExportPath',
  exportLibrary: 'library:export',
  chooseImportFile: 'dialog:chooseImportFile',
  importLibrary: 'library:import',
} as const satisfies Record<string, IpcChannel>;

export const IPC_EVENTS = [
  'sessions:changed',
  'localApi:changed',
  'window:focusSession',
  'menu:command',
  'import:progress',
  'projects:read',
  'collections:changed',
] as const satisfies readonly IpcEvent[];

type Methods = typeof IPC_METHODS;

/** What the renderer sees on `window.sessionDock`. */
export type SessionDockBridge = {
  [Name in keyof Methods]: (...args: IpcArgs<Methods[Name]>) => Promise<Result<IpcValue<Methods[Name]>>>;
} & {
  /** The path on disk of a file dropped on the window, or null (not a local file). */
  pathForFile?(file: File): string | null;
  /** Subscribes to a main→renderer event; returns the unsubscribe function. */
  on<E extends IpcEvent>(event: E, listener: (payload: IpcEventContract[E]) => void): () => void;
};
