import type { Database, Statement } from 'better-sqlite3';
import { API_MODES, DEFAULT_API_PORT, type ApiMode } from '../../../shared/domain';
import { invalidInput } from '../../../shared/errors';
import type { CoreEvents } from '../events';

export interface Settings {
  apiMode: ApiMode;
  apiPort: number;
  /** Keep the Local API running (tray icon) after the window is closed. */
  keepApiInBackground: boolean;
}

const KEYS = {
  apiMode: 'api.mode',
  apiPort: 'api.port',
  keepApiInBackground: 'app.keepApiInBackground',
} as const;

function parseBoolean(value: unknown): boolean {
  if (typeof value !== 'boolean') throw invalidInput('keepApiInBackground must be true or false');
  return value;
}

export function parseApiMode(value: unknown): ApiMode {
  if (typeof value !== 'string' || !(API_MODES as readonly string[]).includes(value)) {
    throw invalidInput(`mode must be one of: ${API_MODES.join(', ')}`);
  }
  return value as ApiMode;
}

export function parseApiPort(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 65535) {
    throw invalidInput('port must be an integer between 1 and 65535');
  }
  return value;
}

/** The library's saved settings (API mode and port); changed only from the window, never the API. */
export class SettingsService {
  private readonly read: Statement;
  private readonly write: Statement;
  private cached: Settings;

  constructor(
    db: Database,
    private readonly events: CoreEvents,
  ) {
    this.read = db.prepare('SELECT value FROM settings WHERE key = ?');
    this.write = db.prepare(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    );
    this.cached = {
      apiMode: this.load(KEYS.apiMode, parseApiMode, 'disabled'),
      apiPort: this.load(KEYS.apiPort, parseApiPort, DEFAULT_API_PORT),
      keepApiInBackground: this.load(KEYS.keepApiInBackground, parseBoolean, false),
    };
  }

  get(): Settings {
    return { ...this.cached };
  }

  setApiMode(mode: unknown): Settings {
    return this.save('apiMode', parseApiMode(mode));
  }

  setApiPort(port: unknown): Settings {
    return this.save('apiPort', parseApiPort(port));
  }

  setKeepApiInBackground(keep: unknown): Settings {
    return this.save('keepApiInBackground', parseBoolean(keep));
  }

  private save<K extends keyof Settings>(key: K, value: Settings[K]): Settings {
    this.write.run(KEYS[key], JSON.stringify(value));
    this.cached = { ...this.cached, [key]: value };
    const settings = this.get();
    this.events.emit({ type: 'settings.changed', settings });
    return settings;
  }

  /** A value that no longer parses (hand-edited, older build) falls back to the default. */
  private load<T>(key: string, parse: (value: unknown) => T, fallback: T): T {
    const row = this.read.get(key) as { value: string } | undefined;
    try {
      return row ? parse(JSON.parse(row.value)) : fallback;
    } catch {
      return fallback;
    }
  }
}
