import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiMode } from '../../src/shared/domain';
import type { Opener, WindowFocus } from '../../src/main/core/adapters';
import { ApiServer, type ApiServerOptions } from '../../src/main/core/api/api-server';
import { createCore, type Core, type CoreOptions } from '../../src/main/core/create-core';
import type { ShellAdapters } from '../../src/main/ipc/handlers';

/** An opener that records what it was asked to open (and can be told to fail). */
export class RecordingOpener implements Opener {
  readonly opened: string[] = [];
  failWith: Error | null = null;

  async openPath(path: string): Promise<void> {
    if (this.failWith) throw this.failWith;
    this.opened.push(path);
  }
}

/** A window that records focus requests; `destroyed` makes it answer like a closed window. */
export class FakeWindow implements WindowFocus {
  readonly focused: string[] = [];
  destroyed = false;

  async focusSession(sessionId: string): Promise<boolean> {
    if (this.destroyed) return false;
    this.focused.push(sessionId);
    return true;
  }
}

export interface ApiHarness {
  core: Core;
  server: ApiServer;
  dataDir: string;
  opener: RecordingOpener;
  window: FakeWindow | null;
  baseUrl: string;
  origin: string;
  token(): string;
  /** fetch against the API with the current token unless `token: null` or another token is given. */
  request(method: string, path: string, options?: RequestOptions): Promise<ApiResponse>;
  close(): Promise<void>;
}

export interface RequestOptions {
  body?: unknown;
  /** A raw body sent as is (no JSON encoding). */
  rawBody?: string | Buffer;
  token?: string | null;
  headers?: Record<string, string>;
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

export interface HarnessOptions {
  mode?: Exclude<ApiMode, 'disabled'>;
  /** false: headless-like, no window (focus answers 501). */
  withWindow?: boolean;
  /** Extra core adapters (peaks source, mixdown finder…). */
  core?: Pick<CoreOptions, 'peaksSource' | 'findMixdowns' | 'scheduleCommit'>;
  /** Limits of the live event stream (heartbeat, backlog, per-client buffer, streams). */
  liveEvents?: ApiServerOptions['liveEvents'];
}

/**
 * A real core on a temp library file and the real API listening on an ephemeral port of
 * 127.0.0.1, with recording adapters. Requests go over real HTTP.
 */
export async function startApi(options: HarnessOptions = {}): Promise<ApiHarness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sessiondock-api-'));
  const opener = new RecordingOpener();
  const window = options.withWindow === false ? null : new FakeWindow();
  const core = createCore({
    dataDir: join(dataDir, 'data'),
    opener,
    windowFocus: window,
    automaticBackups: null,
    ...options.core,
  });
  core.settings.setApiMode(options.mode ?? 'full-automation');
  const server = new ApiServer(core, { portOverride: 0, liveEvents: options.liveEvents });
  const port = await server.start();
  const origin = `http://127.0.0.1:${port}`;
  const baseUrl = `${origin}/api/v1`;

  const request = async (method: string, path: string, init: RequestOptions = {}): Promise<ApiResponse> => {
    const headers: Record<string, string> = { ...init.headers };
    const token = init.token === undefined ? core.token.current() : init.token;
    if (token !== null && headers.Authorization === undefined) headers.Authorization = `Bearer ${token}`;
    let body: string | Buffer | undefined;
    if (init.rawBody !== undefined) body = init.rawBody;
    else if (init.body !== undefined) {
      body = JSON.stringify(init.body);
      headers['Content-Type'] ??= 'application/json';
    }
    const url = path.startsWith('http')
      ? path
      : path.startsWith('/api/') || path.startsWith('/docs') || path === '/openapi.json'
        ? `${origin}${path}`
        : `${baseUrl}${path}`;
    const response = await fetch(url, { method, headers, body });
    // A stream (GET /events) never ends by itself: its head is the answer; see sse-client.ts to read it.
    if (response.headers.get('content-type')?.startsWith('text/event-stream')) {
      await response.body?.cancel();
      return { status: response.status, headers: response.headers, text: '', json: undefined };
    }
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, json: parseJson(text) };
  };

  return {
    core,
    server,
    dataDir,
    opener,
    window,
    baseUrl,
    origin,
    token: () => core.token.current(),
    request,
    async close() {
      await server.stop();
      core.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The body as JSON, or undefined when it is empty or not JSON. */
export function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/** The published health fields, in the order the API writes them (local-api.md §5). */
export const HEALTH_FIELDS = [
  'status',
  'configuredMode',
  'effectiveMode',
  'running',
  'port',
  'baseUrl',
  'docsUrl',
  'requestCount',
  'recentRequests',
  'lastError',
] as const;

/** Shell adapters that do nothing (no dialogs, no file manager), for IPC handlers under test. */
export function inertShell(overrides: Partial<ShellAdapters> = {}): ShellAdapters {
  return {
    revealPath: async () => true,
    chooseProjectPath: async () => null,
    chooseFolder: async () => null,
    chooseAudioFiles: async () => [],
    mediaUrl: () => '',
    ...overrides,
  };
}
