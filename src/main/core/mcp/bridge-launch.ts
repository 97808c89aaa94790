import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_API_PORT } from '../../../shared/domain';
import type { McpBridgeLaunch } from '../../../shared/ipc';
import { defaultDataDir } from '../data-dir';
import { bundledFileNear } from '../workers/worker-script';

const BUNDLE = 'sessiondock-mcp.js';
/** Found once: Settings asks on every refresh, and the files do not move while the app runs. */
const scripts = new Map<string, string | null>();

/**
 * How an MCP client that only starts servers as subprocesses (Claude Desktop…) launches the stdio
 * bridge for this SessionDock (src/mcp-bridge): this very executable — Electron run as plain Node
 * in the app, Node itself headless — on the bridge's bundle, with this library's data folder and
 * port when they are not the defaults. Null where no stable path exists: an AppImage is mounted
 * somewhere new at every launch, and a source run without a build has no bundle.
 */
export function mcpBridgeLaunch(
  dataDir: string,
  port: number,
  callerUrl: string = import.meta.url,
  env: NodeJS.ProcessEnv = process.env,
): McpBridgeLaunch | null {
  if (env.APPIMAGE) return null;
  const script = scripts.get(callerUrl) ?? bridgeScript(callerUrl);
  scripts.set(callerUrl, script);
  if (script === null) return null;
  const args = [script];
  if (resolve(dataDir) !== resolve(defaultDataDir())) args.push('--data-dir', dataDir);
  if (port !== DEFAULT_API_PORT) args.push('--port', String(port));
  return {
    command: process.execPath,
    args,
    env: process.versions.electron === undefined ? {} : { ELECTRON_RUN_AS_NODE: '1' },
  };
}

/**
 * The bundle beside the main bundle (out/main/, its unpacked twin in the packaged app), or the
 * repository's bin (which runs the build, or the sources when there is none) when running from
 * TypeScript sources.
 */
function bridgeScript(callerUrl: string): string | null {
  const here = fileURLToPath(callerUrl);
  if (here.endsWith('.ts')) {
    const bin = resolve(dirname(here), '../../../../bin/sessiondock-mcp.cjs');
    return existsSync(bin) ? bin : null;
  }
  return bundledFileNear(here, BUNDLE);
}
