// SessionDock without a window: the library and the Local API under plain Node
// (`npm run headless -- …`, or `sessiondock --headless` in the packaged app).
// stdout carries exactly one line, the API's base URL; logs go to stderr.
// Importing this file runs nothing: headless.ts (plain Node) and index.ts (Electron) call it.
import { stderrLogger } from './core/adapters';
import { ApiServer } from './core/api/api-server';
import { backUpDataDir } from './core/backups/backup-now';
import { createCore, type Core } from './core/create-core';
import { systemOpener } from './core/system-opener';
import { HEADLESS_USAGE, parseHeadlessArgs, UsageError, type HeadlessOptions } from './headless-options';

export async function runHeadless(argv: string[]): Promise<void> {
  let options: HeadlessOptions | 'help';
  try {
    options = parseHeadlessArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n\n${HEADLESS_USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  if (options === 'help') {
    process.stdout.write(`${HEADLESS_USAGE}\n`);
    return;
  }
  if (options.backupNow) {
    process.exitCode = await backUpNow(options.dataDir);
    return;
  }

  let core: Core;
  try {
    core = createCore({
      dataDir: options.dataDir,
      opener: systemOpener,
      windowFocus: null,
      logger: stderrLogger,
    });
  } catch (error) {
    process.stderr.write(
      `SessionDock could not open its library in ${options.dataDir}: ${(error as Error).message}\n`,
    );
    process.exitCode = 1;
    return;
  }

  const server = new ApiServer(core, { modeOverride: options.mode, portOverride: options.port });
  if (server.configuredMode() === 'disabled') {
    process.stderr.write(
      "The Local API is disabled in this library's settings. Pass --mode read-only or --mode full-automation.\n",
    );
    core.close();
    process.exitCode = 2;
    return;
  }

  // Installed before listening: a supervisor may signal as soon as it reads the listening line.
  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    core.logger.info(`${signal}: shutting down`);
    // In-flight requests finish, then the database is closed.
    server
      .stop()
      .catch((error: unknown) => core.logger.error('API shutdown failed', { error: String(error) }))
      .finally(() => {
        core.close();
        process.exit(0);
      });
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));

  try {
    await server.start();
  } catch (error) {
    process.stderr.write(`SessionDock could not start the Local API: ${(error as Error).message}\n`);
    core.close();
    process.exitCode = 1;
    return;
  }

  process.stdout.write(
    `SessionDock Local API (${server.configuredMode()}) listening on ${server.baseUrl()}\n`,
  );
  core.logger.info('library', { path: core.libraryPath, token: core.token.path });
}

/**
 * `--backup-now`: a checked backup of the data folder's library (SessionDock's online backup, so
 * a desktop app or headless server using the library meanwhile is no obstacle); its path on
 * stdout. Returns the exit code.
 */
async function backUpNow(dataDir: string): Promise<number> {
  try {
    const backup = await backUpDataDir(dataDir, new Date());
    process.stdout.write(`${backup.path}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(
      `SessionDock could not back up the library in ${dataDir}: ${(error as Error).message}\n`,
    );
    return 1;
  }
}

/**
 * Runs headless mode with the process's own arguments. Under a packaged Electron app the user's
 * arguments start at argv[1] (there is no script path); under Node or `electron .` at argv[2].
 */
export function runHeadlessFromProcess(): void {
  const isPackagedElectron =
    Boolean(process.versions.electron) && !(process as { defaultApp?: boolean }).defaultApp;
  // `--headless` itself is among them; the parser accepts it.
  void runHeadless(process.argv.slice(isPackagedElectron ? 1 : 2)).catch((error: unknown) => {
    process.stderr.write(
      `SessionDock headless failed: ${error instanceof Error ? error.stack : String(error)}\n`,
    );
    process.exit(1);
  });
}
