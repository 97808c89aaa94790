/** The latest server-side problem, shown by health's `lastError` and in the window. */
export interface RecordedError {
  message: string;
  at: string;
}

export class Diagnostics {
  private last: RecordedError | null = null;

  constructor(private readonly now: () => Date) {}

  record(message: string): void {
    this.last = { message, at: this.now().toISOString() };
  }

  lastError(): RecordedError | null {
    return this.last;
  }
}
