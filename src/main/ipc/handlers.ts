// The window's door into the core: one thin handler per IPC channel, calling the same services as
// the Local API. Electron-free, so the e2e tests bind the very same handlers into Chromium.
import { existsSync } from 'node:fs';
import { AppError, isAppError } from '../../shared/errors';
import type { IpcArgs, IpcChannel, IpcValue, LocalApiView, RenderedReport } from '../../shared/ipc';
import { fail, ok, type Result } from '../../shared/result';
import type { ApiServer } from '../core/api/api-server';
import type { Core } from '../core/create-core';

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
  /** The window drew the library: the desktop app's smoke test waits for it; others may ignore it. */
  rendered?(report: RenderedReport): void;
}

export type IpcHandlers = {
  [C in IpcChannel]: (...args: IpcArgs<C>) => Promise<Result<IpcValue<C>>>;
};

const MAX_CHECKED_PATHS = 1000;

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

  return {
    'sessions:list': (query) => run(() => sessions.list(query)),
    'sessions:get': (id) => run(() => sessions.get(id)),
    'sessions:create': (body) => run(() => sessions.create(body)),
    'sessions:patch': (id, body) => run(() => sessions.patch(id, body)),
    'sessions:delete': (id) => run(() => sessions.delete(id)),
    'sessions:restore': (id) => run(() => sessions.restore(id)),
    'sessions:open': (id) => run(() => core.automation.open(id)),
    'sessions:checkPaths': (paths) =>
      run(() => {
        if (
          !Array.isArray(paths) ||
          paths.length > MAX_CHECKED_PATHS ||
          paths.some((p) => typeof p !== 'string')
        ) {
          throw new AppError(
            'invalid_input',
            `paths must be an array of at most ${MAX_CHECKED_PATHS} strings`,
          );
        }
        return Object.fromEntries(paths.map((path) => [path, existsSync(path)]));
      }),
    'sessions:reveal': (id) =>
      run(async () => {
        const path = sessions.get(id).projectPath;
        if (!path) throw new AppError('open_failed', 'Session project path is unavailable.');
        return { revealed: await shell.revealPath(path) };
      }),
    'tags:counts': () => run(() => sessions.tagCounts()),
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
      run(() => {
        core.previews.prefer(sessionId, { preferredPreviewId: previewId });
        return sessions.get(sessionId);
      }),
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
    'app:rendered': (report) =>
      run(() => {
        shell.rendered?.(renderedReport(report));
        return null;
      }),
    'localApi:status': () => run(() => localApiView(core, api)),
    'localApi:setMode': (mode) =>
      run(async () => {
        await api.setMode(mode);
        return localApiView(core, api);
      }),
    'localApi:setPort': (port) =>
      run(async () => {
        core.settings.setApiPort(port);
        await api.settled();
        return localApiView(core, api);
      }),
    'localApi:setKeepInBackground': (keep) =>
      run(() => {
        core.settings.setKeepApiInBackground(keep);
        return localApiView(core, api);
      }),
    'localApi:rotateToken': () =>
      run(async () => {
        await core.rotateToken();
        return localApiView(core, api);
      }),
  };
}

/** The window's report, checked like any renderer input. */
function renderedReport(input: unknown): RenderedReport {
  const report = input as Partial<RenderedReport> | null;
  if (
    typeof report !== 'object' ||
    report === null ||
    !Number.isSafeInteger(report.sessions) ||
    (report.sessions as number) < 0 ||
    !(report.error === null || typeof report.error === 'string')
  ) {
    throw new AppError(
      'invalid_input',
      'report must be {sessions: a whole number ≥ 0, error: string or null}',
    );
  }
  return {
    sessions: report.sessions as number,
    error: report.error === null ? null : report.error.slice(0, 500),
  };
}

/** The Settings view of the Local API and library, from the live server. */
export function localApiView(core: Core, api: ApiServer): LocalApiView {
  const status = api.status();
  const requests = api.current()?.requests;
  const origin = `http://127.0.0.1:${status.port ?? core.settings.get().apiPort}`;
  return {
    configuredMode: status.configuredMode,
    effectiveMode: status.effectiveMode,
    running: status.running,
    port: core.settings.get().apiPort,
    listeningPort: status.port,
    baseUrl: `${origin}/api/v1`,
    docsUrl: `${origin}/docs`,
    token: core.token.current(),
    problem: status.problem,
    lastError: core.diagnostics.lastError()?.message ?? null,
    requestCount: requests?.requestCount() ?? 0,
    recentRequests: requests?.recentRequests() ?? [],
    dataDir: core.dataDir,
    libraryPath: core.libraryPath,
    libraryProblem: core.libraryProblem?.message ?? null,
    keepApiInBackground: core.settings.get().keepApiInBackground,
  };
}
