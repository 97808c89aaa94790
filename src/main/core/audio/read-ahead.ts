import type { AudioFile } from './audio-file';

/**
 * Sequential reads of a file with the next chunk already on its way: while the caller decodes one
 * chunk, the thread pool reads the next, so the decoder never waits for the disk (or the page cache)
 * between chunks. Memory: one extra chunk. Reads stop at the file's size as it was when opened.
 */
export class ReadAhead {
  private readonly spare: Uint8Array;
  /** The chunk being read, or read and not yet handed out. */
  private pending: Promise<number> | null = null;
  /** Bytes of `spare` already handed out, and how many it holds. */
  private used = 0;
  private held = 0;
  /** File position of the first byte the next read fills the spare with. */
  private position: number;
  /** File position of the next byte `readInto` gives. */
  next: number;

  constructor(
    private readonly file: AudioFile,
    start: number,
    private readonly chunkBytes: number,
  ) {
    this.spare = new Uint8Array(chunkBytes);
    this.position = start;
    this.next = start;
  }

  /**
   * Fills `target` with the next bytes of the file; returns how many (fewer only at the end of the
   * file). Starts reading the chunk after them before returning.
   */
  async readInto(target: Uint8Array): Promise<number> {
    let filled = 0;
    while (filled < target.length) {
      if (this.used === this.held) {
        this.pending ??= this.readNext();
        this.held = await this.pending;
        this.pending = null;
        this.used = 0;
        if (this.held === 0) break;
      }
      const n = Math.min(target.length - filled, this.held - this.used);
      target.set(this.spare.subarray(this.used, this.used + n), filled);
      this.used += n;
      filled += n;
      this.next += n;
    }
    if (this.used === this.held && this.position < this.file.size) {
      this.pending = this.readNext();
      // Never an unhandled rejection if the caller stops before asking again; a later readInto
      // awaits the same promise and sees the error.
      this.pending.catch(() => undefined);
    }
    return filled;
  }

  private async readNext(): Promise<number> {
    const got = await this.file.readInto(this.spare, this.position, this.chunkBytes);
    this.position += got;
    return got;
  }
}
