/** One published event as sent: its seq and its bytes. */
export interface SentEvent {
  seq: number;
  bytes: Buffer;
}

/**
 * The last published events, bounded by count and by bytes, that a client resumes from. Seqs are
 * contiguous: the events kept are `floor + 1 … latest`. Events older than the floor were dropped
 * (or never kept, see `clear`): a client that saw only those has missed some.
 */
export class Backlog {
  private entries: SentEvent[] = [];
  /** Index of the oldest kept entry in `entries` (dropping from the front without shifting). */
  private head = 0;
  private bytes = 0;
  private floorSeq = 0;
  private latestSeq = 0;

  constructor(
    private readonly maxEvents: number,
    private readonly maxBytes: number,
  ) {}

  /** The seq of the newest event (0 before the first). */
  get latest(): number {
    return this.latestSeq;
  }

  /** Events up to this seq are gone: a client positioned before it cannot resume. */
  get floor(): number {
    return this.floorSeq;
  }

  get size(): { events: number; bytes: number } {
    return { events: this.entries.length - this.head, bytes: this.bytes };
  }

  push(event: SentEvent): void {
    this.entries.push(event);
    this.latestSeq = event.seq;
    this.bytes += event.bytes.length;
    while (this.entries.length - this.head > this.maxEvents || this.bytes > this.maxBytes) {
      const dropped = this.entries[this.head]!;
      this.entries[this.head] = undefined as unknown as SentEvent;
      this.head++;
      this.bytes -= dropped.bytes.length;
      this.floorSeq = dropped.seq;
    }
    if (this.head > 1024 && this.head * 2 > this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.head = 0;
    }
  }

  /** Whether a client positioned after `seq` can be given everything it has not seen. */
  covers(seq: number): boolean {
    return seq >= this.floorSeq && seq <= this.latestSeq;
  }

  /** The event of this seq, if kept. */
  at(seq: number): SentEvent | undefined {
    if (seq <= this.floorSeq || seq > this.latestSeq) return undefined;
    return this.entries[this.head + (seq - this.floorSeq - 1)];
  }

  /** Forgets every event (nothing is recorded while the API is disabled); older ids become expired. */
  clear(): void {
    this.entries = [];
    this.head = 0;
    this.bytes = 0;
    this.floorSeq = this.latestSeq;
  }
}
