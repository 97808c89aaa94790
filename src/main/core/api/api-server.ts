import type { ApiMode } from '../../../shared/domain';
import type { Core } from '../create-core';
import type { LiveEventOptions, LocalApiChange } from '../live-events/live-event';
import { LiveEventHub } from '../live-events/live-event-hub';
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
  /** Limits of the live event stream (heartbeat, backlog, per-client buffer, streams); tests shrink them. */
  liveEvents?: LiveEventOptions;
}

type AnnouncedState = Omit<LocalApiChange, 'reason'>;

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
  /** The Local API's state as last told on the event stream (null until the server first opened). */
  private announced: AnnouncedState | null = null;
  /**
   * `GET /api/v1/events` (see live-events/README.md). Owned here rather than by the app, so its
   * backlog survives the app being recreated on a port change.
   */
  readonly liveEvents: LiveEventHub;

  constructor(
    private readonly core: Core,
    private readonly options: ApiServerOptions = {},
  ) {
    this.liveEvents = new LiveEventHub(core, options.liveEvents);
    this.unsubscribe = core.events.subscribe((event) => {
      if (event.type === 'settings.changed') void this.reconcile();
      // The streams' token is dead: they are told, then ended.
      if (event.type === 'token.rotated') void this.announce(true, this.listeningPort, 'token');
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
    this.liveEvents.close();
  }

  private reconcile(): Promise<void> {
    return this.enqueue(async () => {
      const wanted = this.configuredMode() !== 'disabled';
      const port = this.options.portOverride ?? this.core.settings.get().apiPort;
      const portChanged =
        this.api !== null && this.options.portOverride === undefined && port !== this.listeningPort;
      // Told on the stream before the port closes or moves; the streams end with it.
      if (this.api !== null && (!wanted || portChanged)) await this.announce(true, wanted ? port : null);
      if (!wanted || portChanged) await this.close();
      this.liveEvents.setRecording(wanted);
      if (wanted && this.api === null) await this.open(port);
      // A switch between read-only and full automation: told, and the streams stay open.
      if (this.api !== null) await this.announce(false, this.listeningPort);
    });
  }

  /**
   * Publishes `localApi.changed` when the mode (effective or configured) or the port differs from
   * what was last told, or the token was rotated; `endStreams` ends the open streams after it.
   */
  private announce(endStreams: boolean, port: number | null, token?: 'token'): Promise<void> {
    const state: AnnouncedState = { mode: this.effectiveMode(), configuredMode: this.configuredMode(), port };
    const previous = this.announced;
    this.announced = state;
    if (previous === null) return Promise.resolve();
    const modeChanged = previous.mode !== state.mode || previous.configuredMode !== state.configuredMode;
    if (!token && !modeChanged && previous.port === state.port) return Promise.resolve();
    const reason = token ?? (modeChanged ? 'mode' : 'port');
    return this.liveEvents.announce({ ...state, reason }, endStreams);
  }

  /** Applies changes one at a time, in order, whatever order events arrive in. */
  private enqueue(step: () => Promise<void>): Promise<void> {
    const next = this.pending.then(step, step);
    this.pending = next.catch(() => {});
    return next;
  }

  private async open(port: number): Promise<void> {
    const { createApi } = await import('./create-api');
    const api = createApi(
      this.core,
      {
        configuredMode: () => this.configuredMode(),
        effectiveMode: () => this.effectiveMode(),
        port: () => this.listeningPort,
      },
      this.liveEvents,
    );
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
    // Event streams never end by themselves: they end now, so they never hold the grace below.
    const streamsEnded = this.liveEvents.closeStreams();
    const deadline = setTimeout(() => api.app.server.closeAllConnections(), graceMs);
    try {
      await Promise.all([api.app.close(), streamsEnded]);
    } finally {
      clearTimeout(deadline);
    }
    api.app.server.closeAllConnections();
    this.listeningPort = null;
    this.core.setListeningPort(null);
  }
}
