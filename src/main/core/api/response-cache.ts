/**
 * Serialised bodies of read routes, keyed by URL, valid until the library changes. Scripts and
 * agents poll the same lists over and over; between writes the answer cannot differ, so it is
 * served without touching SQLite or the serialiser, as ready-encoded bytes. Any write bumps the version and empties it.
 */
export class ResponseCache {
  private readonly entries = new Map<string, Buffer>();
  private version = -1;
  private bytes = 0;

  constructor(
    private readonly currentVersion: () => number,
    private readonly maxEntries = 256,
    /** Memory bound: a page of 500 sessions with long notes can weigh tens of megabytes. */
    private readonly maxBytes = 32 * 1024 * 1024,
  ) {}

  get(key: string): Buffer | undefined {
    this.syncVersion();
    const body = this.entries.get(key);
    if (body !== undefined) {
      // Refresh recency: Map keeps insertion order, so the first key is the least recently used.
      this.entries.delete(key);
      this.entries.set(key, body);
    }
    return body;
  }

  private forget(key: string): void {
    const body = this.entries.get(key);
    if (body === undefined) return;
    this.entries.delete(key);
    this.bytes -= body.length;
  }

  set(key: string, body: Buffer, versionWhenComputed: number): void {
    this.syncVersion();
    if (versionWhenComputed !== this.version || body.length > this.maxBytes / 8) return;
    this.forget(key);
    while (this.entries.size >= this.maxEntries || this.bytes + body.length > this.maxBytes) {
      this.forget(this.entries.keys().next().value!);
    }
    this.entries.set(key, body);
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
