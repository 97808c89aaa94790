import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Text buffered up to this size before it is written (the export's writes stay few and large). */
const BUFFER_CHARS = 1 << 20;

/**
 * A file written under a temporary name beside its destination and renamed over it once complete
 * and synced: an export cut short (a crash, a full disk) never leaves a file that looks finished,
 * and never truncates the one it was replacing.
 */
export class AtomicFileWriter {
  private buffer: string[] = [];
  private buffered = 0;
  private written = 0;

  private constructor(
    private readonly handle: FileHandle,
    private readonly temporary: string,
    readonly path: string,
  ) {}

  static async create(path: string): Promise<AtomicFileWriter> {
    const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.partial`);
    const handle = await open(temporary, 'w', 0o600);
    return new AtomicFileWriter(handle, temporary, path);
  }

  /** Bytes written so far (after `commit`, the file's size). */
  get bytes(): number {
    return this.written;
  }

  async write(text: string): Promise<void> {
    this.buffer.push(text);
    this.buffered += text.length;
    if (this.buffered >= BUFFER_CHARS) await this.flush();
  }

  async commit(): Promise<void> {
    await this.flush();
    await this.handle.sync();
    await this.handle.close();
    await rename(this.temporary, this.path);
  }

  /** Gives up: the temporary file goes, the destination is untouched. */
  async abort(): Promise<void> {
    await this.handle.close().catch(() => {});
    await rm(this.temporary, { force: true });
  }

  private async flush(): Promise<void> {
    if (this.buffered === 0) return;
    const bytes = Buffer.from(this.buffer.join(''), 'utf8');
    this.buffer = [];
    this.buffered = 0;
    await this.handle.write(bytes);
    this.written += bytes.length;
  }
}
