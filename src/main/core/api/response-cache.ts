/**
 * Serialised bodies of read routes, keyed by URL, valid until the library changes. Scripts and
 * agents poll the same lists over and over; between writes the answer cannot differ, so it is
 * served without touching SQLite or the serialiser, as ready-encoded bytes. Any write bumps the version and empties it.
 */
export class ResponseCache {
  private readonly entries = new Map<string, { body: Buffer; at: number }>();
  private version = -1;
  private bytes = 0;

  constructor(
    private readonly currentVersion: () => number,
    private readonly maxEntries = 256,
    /** Memory bound: a page of 500 sessions with long notes can weigh tens of megabytes. */
    private readonly maxBytes = 32 * 1024 * 1024,
    /** Files on disk change without a write (a preview goes missing): answers age out quickly. */
    private readonly maxAgeMs = 2000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  get(key: string): Buffer | undefined {
    this.syncVersion();
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (this.now() - entry.at > this.maxAgeMs) {
      this.forget(key);
      return undefined;
    }
    // Refresh recency: Map keeps insertion order, so the first key is the least recently used.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.body;
  }

  private forget(key: string): void {
    const entry = this.entries.get(key);
    if (entry === undefined) return;
    this.entries.delete(key);
    this.bytes -= entry.body.length;
  }

  set(key: string, body: Buffer, versionWhenComputed: number): void {
    this.syncVersion();
    if (versionWhenComputed !== this.version || body.length > this.maxBytes / 8) return;
    this.forget(key);
    while (this.entries.size >= this.maxEntries || this.bytes + body.length > this.maxBytes) {
      this.forget(this.entries.keys().next().value!);
    }
    this.entries.set(key, { body, at: this.now() });
    this.bytes += body.length;
  }

  private syncVersion(): void {
    const version = this.currentVersion();
    if (version !== this.version) {
      this.entries.clear();
      this.bytes = 0;
      this.version = version;
    }
  }
}
