import type { ApiMode } from '../../../shared/domain';
import type { Core } from '../create-core';
import { readApiStatus, type ApiStatus } from './api-status';
// The server itself (Fastify, its plugins, the schemas) is loaded when the API first starts: ~0.7 s
// of module loading the window does not wait for while the API is disabled.
import type { Api } from './create-api';

/** How long stopping waits for in-flight requests before closing their connections. */
export const DEFAULT_STOP_GRACE_MS = 2_000;

export interface ApiServerOptions {
  /** Used instead of the saved mode (headless `--mode`); never written to the library. */
  modeOverride?: Exclude<ApiMode, 'disabled'>;
  /** Used instead of the saved port (headless `--port`; 0 picks a free port). */
  portOverride?: number;
}

export interface ApiServerStatus {
  configuredMode: ApiMode;
  effectiveMode: ApiMode;
  running: boolean;
  port: number | null;
  baseUrl: string | null;
  /** Why the server is not running although the mode asks for it (port in use…), or null. */
  problem: string | null;
}

/**
 * Runs the Local API on 127.0.0.1 as the settings say: listening in read-only and full automation,
 * port closed when disabled. Mode and port changes are applied as they are saved, with no restart;
 * the mode itself is read on every request. Only the shell and headless entries create one.
 */
export class ApiServer {
  private api: Api | null = null;
  private listeningPort: number | null = null;
  private problem: string | null = null;
  private pending: Promise<void> = Promise.resolve();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly core: Core,
    private readonly options: ApiServerOptions = {},
  ) {
    this.unsubscribe = core.events.subscribe((event) => {
      if (event.type === 'settings.changed') void this.reconcile();
    });
  }

  configuredMode(): ApiMode {
    return this.options.modeOverride ?? this.core.settings.get().apiMode;
  }

  /** Read-only whenever the library cannot be written, whatever the user configured. */
  effectiveMode(): ApiMode {
    const configured = this.configuredMode();
    return configured === 'full-automation' && !this.core.canWrite() ? 'read-only' : configured;
  }

  port(): number | null {
    return this.listeningPort;
  }

  baseUrl(): string | null {
    return this.listeningPort === null ? null : `http://127.0.0.1:${this.listeningPort}/api/v1`;
  }

  status(): ApiServerStatus {
    return {
      configuredMode: this.configuredMode(),
      effectiveMode: this.effectiveMode(),
      running: this.api !== null,
      port: this.listeningPort,
      baseUrl: this.baseUrl(),
      problem: this.problem,
    };
  }

  /** The status read model both doors project from: health (the API) and Settings (the window). */
  apiStatus(): ApiStatus {
    return readApiStatus(this.core, {
      configuredMode: () => this.configuredMode(),
      effectiveMode: () => this.effectiveMode(),
      port: () => this.listeningPort,
      running: () => this.api !== null,
      problem: () => this.problem,
      requests: () => this.api?.requests ?? null,
    });
  }

  /** The API app while listening (for tests and the request log), else null. */
  current(): Api | null {
    return this.api;
  }

  /** Starts listening unless the mode is disabled; rejects when the port cannot be had. */
  async start(): Promise<number | null> {
    await this.reconcile();
    if (this.problem) throw new Error(this.problem);
    return this.listeningPort;
  }

  /** Saves a new mode and resolves once the server matches it (port closed for disabled). */
  async setMode(mode: unknown): Promise<ApiServerStatus> {
    this.core.settings.setApiMode(mode);
    await this.settled();
    return this.status();
  }

  /** Resolves when every pending start, stop or port change has been applied. */
  async settled(): Promise<void> {
    let current: Promise<void>;
    do {
      current = this.pending;
      await current;
    } while (current !== this.pending);
  }

  /**
   * Stops accepting connections, closes idle keep-alive sockets and lets in-flight requests
   * finish for at most `graceMs`; then their connections are closed, so a slow client (an audio
   * stream nobody reads) can never hold a quit open.
   */
  async stop(options: { graceMs?: number } = {}): Promise<void> {
    this.unsubscribe();
    await this.enqueue(() => this.close(options.graceMs ?? DEFAULT_STOP_GRACE_MS));
  }

  private reconcile(): Promise<void> {
    return this.enqueue(async () => {
      const wanted = this.configuredMode() !== 'disabled';
      const port = this.options.portOverride ?? this.core.settings.get().apiPort;
      const portChanged =
        this.api !== null && this.options.portOverride === undefined && port !== this.listeningPort;
      if (!wanted || portChanged) await this.close();
      if (wanted && this.api === null) await this.open(port);
    });
  }

  /** Applies changes one at a time, in order, whatever order events arrive in. */
  private enqueue(step: () => Promise<void>): Promise<void> {
    const next = this.pending.then(step, step);
    this.pending = next.catch(() => {});
    return next;
  }

  private async open(port: number): Promise<void> {
    const { createApi } = await import('./create-api');
    const api = createApi(this.core, {
      configuredMode: () => this.configuredMode(),
      effectiveMode: () => this.effectiveMode(),
      port: () => this.listeningPort,
    });
    try {
      await api.app.listen({ host: '127.0.0.1', port });
    } catch (error) {
      await api.app.close().catch(() => {});
      const code = (error as NodeJS.ErrnoException).code;
      this.problem = code === 'EADDRINUSE' ? `port ${port} is in use` : `could not listen: ${String(error)}`;
      this.core.diagnostics.record(`Local API: ${this.problem}`);
      this.core.logger.error('Local API could not start', { problem: this.problem });
      return;
    }
    const address = api.app.server.address();
    this.listeningPort = typeof address === 'object' && address ? address.port : port;
    this.problem = null;
    this.api = api;
    this.core.setListeningPort(this.listeningPort);
  }

  private async close(graceMs = DEFAULT_STOP_GRACE_MS): Promise<void> {
    const api = this.api;
    this.problem = null;
    if (!api) return;
    this.api = null;
    // Stop answering at once: a request on a kept-alive socket gets no reply from a disabled API.
    api.app.server.closeIdleConnections();
    const deadline = setTimeout(() => api.app.server.closeAllConnections(), graceMs);
    try {
      await api.app.close();
    } finally {
      clearTimeout(deadline);
    }
    api.app.server.closeAllConnections();
    this.listeningPort = null;
    this.core.setListeningPort(null);
  }
}
