/**
 * Serialised bodies of read routes, keyed by URL, valid until the library changes. Scripts and
 * agents poll the same lists over and over; between writes the answer cannot differ, so it is
 * served without touching SQLite or the serialiser, as ready-encoded bytes. Any write bumps the version and empties it.
 */
export class ResponseCache {
  private readonly entries = new Map<string, Buffer>();
  private version = -1;

  constructor(
    private readonly currentVersion: () => number,
    private readonly maxEntries = 256,
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

  set(key: string, body: Buffer, versionWhenComputed: number): void {
    this.syncVersion();
    if (versionWhenComputed !== this.version) return;
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, body);
  }

  private syncVersion(): void {
    const version = this.currentVersion();
    if (version !== this.version) {
      this.entries.clear();
      this.version = version;
    }
  }
}
