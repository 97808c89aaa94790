// The Local API's status, read once and the same way for both doors: `GET /api/v1/health` (the
// API, routes/system-routes.ts) and Settings (the window, `localApi:*` IPC channels) each only
// project from this read model.
import type { ApiMode } from '../../../shared/domain';
import type { LocalApiView } from '../../../shared/ipc';
import type { Core } from '../create-core';
import { mcpBridgeLaunch } from '../mcp/bridge-launch';
import type { ApiState } from './api-state';
import type { RecentRequest, RequestLog } from './request-log';

export interface ApiStatus {
  configuredMode: ApiMode;
  effectiveMode: ApiMode;
  running: boolean;
  /** The port listened on right now, or null. */
  listeningPort: number | null;
  /** The port saved in the settings (what the API listens on next). */
  savedPort: number;
  /** Built on the listening port, else the saved one. */
  baseUrl: string;
  docsUrl: string;
  /** The MCP endpoint (issue 14) on the same server. */
  mcpUrl: string;
  /** Why the API is not running although the mode asks for it (port in use…), or null. */
  problem: string | null;
  /** Requests received since start, all outcomes. */
  requestCount: number;
  /** The last 50 requests, newest first. */
  recentRequests(): RecentRequest[];
  /** The same as JSON, exactly as JSON.stringify writes it (kept ready-made: health is polled). */
  recentRequestsJson(): string;
  /** The latest server-side error message, or null. */
  lastError: string | null;
}

/** What only the running server knows; the rest comes from the core. */
export interface ApiStatusSource extends ApiState {
  running(): boolean;
  problem(): string | null;
  /** The live server's request log, or null while not listening. */
  requests(): RequestLog | null;
}

export function readApiStatus(
  core: Pick<Core, 'settings' | 'diagnostics'>,
  source: ApiStatusSource,
): ApiStatus {
  const listeningPort = source.port();
  const savedPort = core.settings.get().apiPort;
  const origin = `http://127.0.0.1:${listeningPort ?? savedPort}`;
  const requests = source.requests();
  return {
    configuredMode: source.configuredMode(),
    effectiveMode: source.effectiveMode(),
    running: source.running(),
    listeningPort,
    savedPort,
    baseUrl: `${origin}/api/v1`,
    docsUrl: `${origin}/docs`,
    mcpUrl: `${origin}/mcp`,
    problem: source.problem(),
    requestCount: requests?.requestCount() ?? 0,
    recentRequests: () => requests?.recentRequests() ?? [],
    recentRequestsJson: () => requests?.recentRequestsJson() ?? '[]',
    lastError: core.diagnostics.lastError()?.message ?? null,
  };
}

/** Settings' view: the API status plus the token and where the library lives. */
export function localApiView(
  core: Pick<Core, 'settings' | 'diagnostics' | 'token' | 'dataDir' | 'libraryPath' | 'libraryProblem'>,
  status: ApiStatus,
): LocalApiView {
  return {
    configuredMode: status.configuredMode,
    effectiveMode: status.effectiveMode,
    running: status.running,
    port: status.savedPort,
    listeningPort: status.listeningPort,
    baseUrl: status.baseUrl,
    docsUrl: status.docsUrl,
    mcpUrl: status.mcpUrl,
    mcpBridge: mcpBridgeLaunch(core.dataDir, status.listeningPort ?? status.savedPort),
    token: core.token.current(),
    problem: status.problem,
    lastError: status.lastError,
    requestCount: status.requestCount,
    recentRequests: status.recentRequests(),
    dataDir: core.dataDir,
    libraryPath: core.libraryPath,
    libraryProblem: core.libraryProblem?.message ?? null,
    keepApiInBackground: core.settings.get().keepApiInBackground,
  };
}
