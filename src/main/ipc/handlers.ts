// The window's door into the core: one thin handler per IPC channel, calling the same services as
// the Local API. Electron-free, so the e2e tests bind the very same handlers into Chromium.
import { existsSync } from 'node:fs';
import { AppError, isAppError } from '../../shared/errors';
import type { IpcArgs, IpcChannel, IpcValue, LocalApiView } from '../../shared/ipc';
import { fail, ok, type Result } from '../../shared/result';
import type { ApiServer } from '../core/api/api-server';
import type { Core } from '../core/create-core';

/** What only the desktop shell can do; tests pass fakes. */
export interface ShellAdapters {
  /** Shows the file in the file manager; false when it is not there. */
  revealPath(path: string): Promise<boolean>;
  /** Lets the user pick a project file or bundle; null when cancelled. */
  chooseProjectPath(): Promise<string | null>;
}

export type IpcHandlers = {
  [C in IpcChannel]: (...args: IpcArgs<C>) => Promise<Result<IpcValue<C>>>;
};

const MAX_CHECKED_PATHS = 1000;

export function createIpcHandlers(core: Core, api: ApiServer, shell: ShellAdapters): IpcHandlers {
  const { sessions } = core;
  const run = async <T>(work: () => T | Promise<T>): Promise<Result<T>> => {
    try {
      return ok(await work());
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
