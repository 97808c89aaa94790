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

  constructor(private readonly capacity = 50) {}

  /** Called as a request arrives, so every outcome counts (refused ones too). */
  received(): void {
    this.count++;
  }

  /** Called once the response is sent. */
  record(entry: RecentRequest): void {
    this.recent.unshift(entry);
    if (this.recent.length > this.capacity) this.recent.length = this.capacity;
  }

  requestCount(): number {
    return this.count;
  }

  /** Newest first. */
  recentRequests(): RecentRequest[] {
    return this.recent.slice();
  }
}
