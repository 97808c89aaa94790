// The window's door into the core: one thin handler per IPC channel, calling the same services as
// the Local API. Electron-free, so the e2e tests bind the very same handlers into Chromium.
import { AppError, invalidInput, isAppError } from '../../shared/errors';
import type {
  ExportFormat,
  IpcArgs,
  IpcChannel,
  IpcValue,
  LocalApiView,
  RenderedReport,
  RestoreResult,
} from '../../shared/ipc';
import { fail, ok, type Result } from '../../shared/result';
import { parseRenderedReport } from '../../shared/validation/rendered-report';
import type { ApiServer } from '../core/api/api-server';
import { localApiView } from '../core/api/api-status';
import { artworkMediaUrl } from '../core/artwork/artwork-media';
import { artworkSummaries, artworkView, type ThumbnailUrl } from '../core/artwork/artwork-views';
import type { Core } from '../core/create-core';
import { libraryView } from '../core/backups/library-view';
import { exportLibrary } from '../core/library-export/export-library';
import { importLibrary } from '../core/library-export/import-library';

/** What only the desktop shell can do; tests pass fakes. */
export interface ShellAdapters {
  /** Shows the file in the file manager; false when it is not there. */
  revealPath(path: string): Promise<boolean>;
  /** Lets the user pick a project file or bundle; null when cancelled. */
  chooseProjectPath(): Promise<string | null>;
  /** Lets the user pick a folder to scan; null when cancelled. */
  chooseFolder(): Promise<string | null>;
  /** Lets the user pick audio files to attach as previews; empty when cancelled. */
  chooseAudioFiles(): Promise<string[]>;
  /** A URL the window can stream a preview's audio from (custom protocol in the app). */
  mediaUrl(sessionId: string, previewId: string): string;
  /**
   * A URL the window can show a session's artwork thumbnail from (default: the app's media
   * protocol, sessiondock-media://artwork/…); the e2e tests' page server answers its own.
   */
  artworkUrl?: ThumbnailUrl;
  /** Lets the user pick an image file for a session's artwork; null when cancelled (absent: never offered). */
  chooseImageFile?(): Promise<string | null>;
  /** The window drew the library: the desktop app's smoke test waits for it; others may ignore it. */
  rendered?(report: RenderedReport): void;
  /** Lets the user pick a backup file to restore, starting in `folder`; null when cancelled. */
  chooseBackupFile?(folder: string): Promise<string | null>;
  /** Lets the user pick where an export is written; null when cancelled. */
  chooseExportPath?(format: ExportFormat): Promise<string | null>;
  /** Lets the user pick a JSON export to import; null when cancelled. */
  chooseImportFile?(): Promise<string | null>;
  /**
   * Replaces the library with a backup (backups/restore-library.ts): the desktop app closes the
   * core, swaps the file, opens it again and reloads the window. Where the library cannot be
   * reopened (no such adapter), "Restore…" is refused.
   */
  restoreLibrary?(path: string): Promise<RestoreResult>;
}

export type IpcHandlers = {
  [C in IpcChannel]: (...args: IpcArgs<C>) => Promise<Result<IpcValue<C>>>;
};

export function createIpcHandlers(core: Core, api: ApiServer, shell: ShellAdapters): IpcHandlers {
  const { sessions } = core;
  const run = async <T>(work: () => T | Promise<T>): Promise<Result<T>> => {
    try {
      // The window's writes commit on their own, never inside an API request's group commit, so
      // a settings change can never be rolled back with a batch that failed.
      core.writes.flush();
      const value = await work();
      // An async handler's later writes may still have joined a batch: acknowledged once it commits.
      await core.writes.durable();
      return ok(value);
    } catch (error) {
      if (isAppError(error)) return fail(error.toJSON());
      const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
      core.diagnostics.record(`window request failed: ${error instanceof Error ? error.message : detail}`);
      core.logger.error('IPC handler failed', { error: detail });
      return fail({ code: 'internal_error', message: 'Internal error.' });
    }
  };

  const settingsView = (): LocalApiView => localApiView(core, api.apiStatus());
  const artworkUrl = shell.artworkUrl ?? artworkMediaUrl;
  const viewOfArtwork = (sessionId: string) => {
    const record = core.artwork.get(sessionId);
    return record && artworkView(record, core.artwork.status(sessionId), artworkUrl);
  };

  return {
    'sessions:list': (query) => run(() => sessions.list(query)),
    'sessions:get': (id) => run(() => sessions.get(id)),
    'sessions:create': (body) => run(() => sessions.create(body)),
    'sessions:patch': (id, body) => run(() => sessions.patch(id, body)),
    'sessions:delete': (id) => run(() => sessions.delete(id)),
    'sessions:restore': (id) => run(() => sessions.restore(id)),
    'sessions:open': (id) => run(() => core.automation.open(id)),
    'sessions:checkPaths': (paths) => run(() => core.automation.checkPaths(paths)),
    'sessions:reveal': (id) => run(() => core.automation.reveal(id, (path) => shell.revealPath(path))),
    'tags:counts': () => run(() => sessions.tagCounts()),
    'projects:get': (sessionId) => run(() => core.projects.project(sessionId)),
    'projects:refresh': (sessionId) => run(() => core.projects.refresh(sessionId)),
    'projects:summaries': (sessionIds) => run(() => core.projects.summaries(sessionIds)),
    'projects:plugins': () => run(() => core.projects.plugins()),
    'projects:missingSamplesCount': () => run(() => core.projects.missingSamplesCount()),
    'dialog:chooseProject': () => run(() => shell.chooseProjectPath()),
    'dialog:chooseFolder': () => run(() => shell.chooseFolder()),
    'import:scanFolder': (path) => run(() => core.folderScan.scan(path)),
    'import:start': (request) => run(() => core.imports.start(request)),
    'import:status': (importId) => run(() => core.imports.status(importId)),
    'import:cancel': (importId) => run(() => core.imports.cancel(importId)),
    'dialog:chooseAudio': () => run(() => shell.chooseAudioFiles()),
    'previews:attach': (sessionId, body) => run(() => core.previews.attach(sessionId, body)),
    'previews:detach': (sessionId, previewId) => run(() => core.previews.detach(sessionId, previewId)),
    'previews:prefer': (sessionId, previewId) =>
      run(() => core.previews.prefer(sessionId, { preferredPreviewId: previewId })),
    'previews:waveform': (sessionId, previewId, points) =>
      run(() => core.waveforms.waveform(sessionId, previewId, points)),
    'previews:mediaUrl': (sessionId, previewId) =>
      run(() => {
        const preview = core.previews.resolve(sessionId, previewId);
        return shell.mediaUrl(sessionId, preview.id);
      }),
    'waveformNotes:get': (sessionId, previewId) => run(() => core.waveformNotes.get(sessionId, previewId)),
    'waveformNotes:replace': (sessionId, previewId, notes) =>
      run(() => core.waveformNotes.replace(sessionId, previewId, { notes })),
    'collections:list': () => run(() => core.collections.list()),
    'collections:get': (id) => run(() => core.collections.get(id)),
    'collections:create': (body) => run(() => core.collections.create(body)),
    'collections:update': (id, body) => run(() => core.collections.update(id, body)),
    'collections:delete': (id) => run(() => core.collections.delete(id)),
    'collections:setSessions': (id, sessionIds) =>
      run(() => core.collections.setSessions(id, { sessionIds })),
    'collections:addSessions': (id, sessionIds, position) =>
      run(() =>
        core.collections.addSessions(id, position === undefined ? { sessionIds } : { sessionIds, position }),
      ),
    'collections:removeSession': (id, sessionId) => run(() => core.collections.removeSession(id, sessionId)),
    'collections:holding': (sessionId) => run(() => core.collections.holding(sessionId)),
    'artwork:summaries': (sessionIds) =>
      run(() => artworkSummaries(core.artwork.many(sessionIds), artworkUrl)),
    'artwork:get': (sessionId) => run(() => viewOfArtwork(sessionId)),
    'artwork:setPath': (sessionId, path) =>
      run(async () => {
        const record = await core.artwork.setFromPath(sessionId, { path });
        return artworkView(record, core.artwork.status(sessionId), artworkUrl);
      }),
    'artwork:setImage': (sessionId, image) =>
      run(async () => {
        const record = await core.artwork.setFromBytes(sessionId, image);
        return artworkView(record, core.artwork.status(sessionId), artworkUrl);
      }),
    'artwork:remove': (sessionId) => run(() => core.artwork.remove(sessionId)),
    'dialog:chooseImage': () => run(async () => (shell.chooseImageFile ? shell.chooseImageFile() : null)),
    'library:view': () => run(() => libraryView(core)),
    'library:reveal': (what) =>
      run(async () => {
        if (what !== 'library' && what !== 'backups') throw invalidInput('what must be library or backups');
        const path = what === 'library' ? core.libraryPath : core.backups.backupsDir;
        return { revealed: await shell.revealPath(path) };
      }),
    'library:backUpNow': () => run(() => core.backups.backUp('manual')),
    'dialog:chooseBackup': () =>
      run(async () => (shell.chooseBackupFile ? shell.chooseBackupFile(core.backups.backupsDir) : null)),
    'library:restore': (path) =>
      run(async () => {
        if (!shell.restoreLibrary) {
          throw new AppError(
            'internal_error',
            'Restoring needs the desktop app (headless: point --data-dir at a copy).',
          );
        }
        return shell.restoreLibrary(path);
      }),
    'dialog:chooseExportPath': (format) =>
      run(async () => {
        if (format !== 'json' && format !== 'csv') throw invalidInput('format must be one of: json, csv');
        return shell.chooseExportPath ? shell.chooseExportPath(format) : null;
      }),
    'library:export': (request) => run(() => exportLibrary(core, request)),
    'dialog:chooseImportFile': () =>
      run(async () => (shell.chooseImportFile ? shell.chooseImportFile() : null)),
    'library:import': (path) => run(() => importLibrary(core, path)),
    'app:rendered': (report) =>
      run(() => {
        shell.rendered?.(parseRenderedReport(report));
        return null;
      }),
    'localApi:status': () => run(() => settingsView()),
    'localApi:setMode': (mode) =>
      run(async () => {
        await api.setMode(mode);
        return settingsView();
      }),
    'localApi:setPort': (port) =>
      run(async () => {
        core.settings.setApiPort(port);
        await api.settled();
        return settingsView();
      }),
    'localApi:setKeepInBackground': (keep) =>
      run(() => {
        core.settings.setKeepApiInBackground(keep);
        return settingsView();
      }),
    'localApi:rotateToken': () =>
      run(async () => {
        await core.rotateToken();
        return settingsView();
      }),
  };
}
