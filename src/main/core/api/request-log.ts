/** Counts requests and keeps the most recent ones for health and the Settings window. */
export interface RecentRequest {
  method: string;
  path: string;
  statusCode: number;
  at: string;
}

export class RequestLog {
  private count = 0;
  private readonly recent: RecentRequest[] = [];
  /** Each entry's JSON, made once on first read: health sends 50 of them on every call. */
  private readonly json = new WeakMap<RecentRequest, string>();
  private arrayJson: string | null = null;

  constructor(private readonly capacity = 50) {}

  /** Called as a request arrives, so every outcome counts (refused ones too). */
  received(): void {
    this.count++;
  }

  /** Called once the response is sent. */
  record(entry: RecentRequest): void {
    this.recent.unshift(entry);
    if (this.recent.length > this.capacity) this.recent.length = this.capacity;
    this.arrayJson = null;
  }

  requestCount(): number {
    return this.count;
  }

  /** Newest first. */
  recentRequests(): RecentRequest[] {
    return this.recent.slice();
  }

  /** `recentRequests()` as a JSON array, exactly as JSON.stringify writes it, reusing what it can. */
  recentRequestsJson(): string {
    if (this.arrayJson === null) {
      const parts = this.recent.map((entry) => {
        let text = this.json.get(entry);
        if (text === undefined) {
          text = JSON.stringify(entry);
          this.json.set(entry, text);
        }
        return text;
      });
      this.arrayJson = `[${parts.join(',')}]`;
    }
    return this.arrayJson;
  }
}
