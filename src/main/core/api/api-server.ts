import type { ApiMode } from '../../../shared/domain';
import type { Core } from '../create-core';
import { createApi, type Api } from './create-api';

export interface ApiServerOptions {
  /** Used instead of the saved mode (headless `--mode`); never written to the library. */
  modeOverride?: ApiMode;
  /** Used instead of the saved port (headless `--port`; 0 picks a free port). */
  portOverride?: number;
}

/**
 * Runs the Local API on 127.0.0.1 according to the mode: listening in read-only and full
 * automation, port closed when disabled. Only the shell and headless entries create one.
 */
export class ApiServer {
  private api: Api | null = null;
  private listeningPort: number | null = null;

  constructor(
    private readonly core: Core,
    private readonly options: ApiServerOptions = {},
  ) {}

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

  /** Starts listening unless the mode is disabled; resolves to the port, or null. */
  async start(): Promise<number | null> {
    if (this.configuredMode() === 'disabled' || this.api) return this.listeningPort;
    const api = createApi(this.core, {
      configuredMode: () => this.configuredMode(),
      effectiveMode: () => this.effectiveMode(),
      port: () => this.listeningPort,
    });
    const port = this.options.portOverride ?? this.core.settings.get().apiPort;
    await api.app.listen({ host: '127.0.0.1', port });
    const address = api.app.server.address();
    this.listeningPort = typeof address === 'object' && address ? address.port : port;
    this.core.setListeningPort(this.listeningPort);
    this.api = api;
    return this.listeningPort;
  }

  /** Stops accepting connections, lets in-flight requests finish and closes idle keep-alive sockets. */
  async stop(): Promise<void> {
    const api = this.api;
    if (!api) return;
    this.api = null;
    await api.app.close();
    this.listeningPort = null;
    this.core.setListeningPort(null);
  }
}
