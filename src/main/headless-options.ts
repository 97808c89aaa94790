import { parseArgs } from 'node:util';
import { API_MODES, type ApiMode } from '../shared/domain';
import { defaultDataDir } from './core/data-dir';

export interface HeadlessOptions {
  dataDir: string;
  port?: number;
  mode?: Exclude<ApiMode, 'disabled'>;
  /** Back the library up into `<data dir>/backups/`, print the backup's path, and exit. */
  backupNow?: boolean;
}

export const HEADLESS_USAGE = `Usage: npm run headless -- [--data-dir DIR] [--port N] [--mode read-only|full-automation]
       npm run headless -- [--data-dir DIR] --backup-now

  --data-dir DIR   library folder (default: the desktop app's, ${defaultDataDir()})
  --port N         port on 127.0.0.1 (default: the saved port; 0 picks a free one)
  --mode MODE      read-only or full-automation (default: the saved mode)
  --backup-now     back up the library into DIR/backups, print the backup's path, and exit`;

export class UsageError extends Error {}

/** Parses the headless command line; throws UsageError with a message fit for the user. */
export function parseHeadlessArgs(argv: string[]): HeadlessOptions | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        'data-dir': { type: 'string' },
        port: { type: 'string' },
        mode: { type: 'string' },
        'backup-now': { type: 'boolean' },
        headless: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return 'help';
  const options: HeadlessOptions = { dataDir: values['data-dir'] ?? defaultDataDir() };
  if (values['backup-now']) {
    if (values.port !== undefined || values.mode !== undefined) {
      throw new UsageError('--backup-now takes only --data-dir (it starts no Local API)');
    }
    return { ...options, backupNow: true };
  }
  if (values.port !== undefined) {
    const port = Number(values.port);
    if (!/^\d+$/.test(values.port) || port > 65535)
      throw new UsageError(`--port must be 0-65535 (got ${values.port})`);
    options.port = port;
  }
  if (values.mode !== undefined) {
    if (values.mode === 'disabled' || !(API_MODES as readonly string[]).includes(values.mode)) {
      throw new UsageError(`--mode must be read-only or full-automation (got ${values.mode})`);
    }
    options.mode = values.mode as HeadlessOptions['mode'];
  }
  return options;
}
