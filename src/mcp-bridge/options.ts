import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { TOKEN_FILE_NAME } from '../main/core/auth/token-store';
import { defaultDataDir } from '../main/core/data-dir';
import { DEFAULT_API_PORT } from '../shared/domain';

export interface BridgeOptions {
  /** SessionDock's MCP endpoint, always on a loopback address. */
  url: URL;
  /** `<data dir>/local-api-token`, read again for every request. */
  tokenPath: string;
}

export const BRIDGE_USAGE = `Usage: sessiondock-mcp [--data-dir DIR] [--port N | --url URL]

An MCP server on stdin/stdout for clients that only speak stdio: every message is forwarded to
SessionDock's Local API at http://127.0.0.1:<port>/mcp with the token from DIR/local-api-token
(read for each request, so a rotation needs no restart). Diagnostics go to stderr.

  --data-dir DIR   SessionDock's data folder, where local-api-token is
                   (default: the desktop app's, ${defaultDataDir()}; env SESSIONDOCK_DATA_DIR)
  --port N         the Local API's port (default ${DEFAULT_API_PORT}; env SESSIONDOCK_PORT)
  --url URL        the MCP endpoint instead of --port, on a loopback address only
                   (default http://127.0.0.1:${DEFAULT_API_PORT}/mcp)
  -h, --help       this text`;

export class BridgeUsageError extends Error {}

type Env = Record<string, string | undefined>;

/** The command line (then the environment) as bridge options; throws BridgeUsageError. */
export function parseBridgeArgs(argv: string[], env: Env = process.env): BridgeOptions | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        'data-dir': { type: 'string' },
        port: { type: 'string' },
        url: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new BridgeUsageError((error as Error).message);
  }
  if (values.help) return 'help';
  if (values.url !== undefined && values.port !== undefined) {
    throw new BridgeUsageError('give --port or --url, not both');
  }
  const dataDir = nonEmpty(values['data-dir']) ?? nonEmpty(env.SESSIONDOCK_DATA_DIR) ?? defaultDataDir();
  const url =
    values.url !== undefined
      ? loopbackUrl(values.url)
      : new URL(`http://127.0.0.1:${portOf(values.port ?? nonEmpty(env.SESSIONDOCK_PORT))}/mcp`);
  return { url, tokenPath: join(dataDir, TOKEN_FILE_NAME) };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

function portOf(value: string | undefined): number {
  if (value === undefined) return DEFAULT_API_PORT;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port < 1 || port > 65535) {
    throw new BridgeUsageError(`the port must be 1-65535 (got ${value})`);
  }
  return port;
}

/** Refuses any URL that could carry the token off this machine. */
export function loopbackUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new BridgeUsageError(`--url is not a URL: ${text}`);
  }
  if (url.protocol !== 'http:') {
    throw new BridgeUsageError(`--url must be http:// (SessionDock's Local API is plain HTTP on loopback)`);
  }
  if (!isLoopbackHost(url.hostname)) {
    throw new BridgeUsageError(
      `--url must be on this machine (127.0.0.1, localhost or [::1]), not ${url.hostname}: the token never leaves it`,
    );
  }
  if (url.username || url.password) throw new BridgeUsageError('--url must not hold credentials');
  return url;
}

function isLoopbackHost(hostname: string): boolean {
  if (hostname === 'localhost' || hostname === '[::1]') return true;
  const octets = hostname.split('.');
  return (
    octets.length === 4 &&
    octets[0] === '127' &&
    octets.every((octet) => /^\d{1,3}$/.test(octet) && Number(octet) <= 255)
  );
}
