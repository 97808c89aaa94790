import { constants, type Stats } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { unreadable, type UnreadableAudioError } from './errors';

export const DEFAULT_CHUNK_BYTES = 1024 * 1024;

/**
 * A read-only view of an audio file through one FileHandle and positional reads, so a file of any
 * size is read a chunk at a time and never loaded whole. Opened with O_RDONLY only: SessionDock never
 * writes to a user's audio file.
 */
export class AudioFile {
  private closed = false;

  private constructor(
    private readonly handle: FileHandle,
    readonly path: string,
    /** Size when opened; reads never go past it, so a file still being written cannot feed us forever. */
    readonly size: number,
  ) {}

  static async open(path: string): Promise<AudioFile> {
    let stats: Stats;
    try {
      stats = await stat(path);
    } catch (error) {
      throw fsError(error, path);
    }
    // Checked before open(): opening a FIFO blocks until someone writes to it, which would hang.
    if (!stats.isFile()) throw unreadable('not_a_file', `not a regular file: ${path}`);
    if (stats.size === 0) throw unreadable('empty', 'the file is empty (0 bytes)');
    let handle: FileHandle;
    try {
      handle = await open(path, constants.O_RDONLY);
    } catch (error) {
      throw fsError(error, path);
    }
    return new AudioFile(handle, path, stats.size);
  }

  /**
   * Reads up to `length` bytes at `position` into a new array; shorter only at the end of the file.
   * For headers: small reads whose result the caller keeps.
   */
  async read(position: number, length: number): Promise<Uint8Array> {
    const wanted = Math.max(0, Math.min(length, this.size - position));
    const bytes = new Uint8Array(wanted);
    const got = await this.readInto(bytes, position, wanted);
    return got === wanted ? bytes : bytes.subarray(0, got);
  }

  /**
   * Fills `target[0 … length)` from `position`, looping over short reads; returns the bytes read,
   * which is less than `length` only at the end of the file (as it was when opened).
   */
  async readInto(target: Uint8Array, position: number, length = target.length): Promise<number> {
    const end = Math.min(position + length, this.size);
    let filled = 0;
    while (position + filled < end) {
      let bytesRead: number;
      try {
        ({ bytesRead } = await this.handle.read(target, filled, end - position - filled, position + filled));
      } catch (error) {
        throw fsError(error, this.path);
      }
      if (bytesRead === 0) break; // the file shrank since it was opened
      filled += bytesRead;
    }
    return filled;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.handle.close().catch(() => undefined);
  }
}

function fsError(error: unknown, path: string): UnreadableAudioError {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return unreadable('missing', `file not found: ${path}`);
  if (code === 'EISDIR') return unreadable('not_a_file', `not a regular file: ${path}`);
  const detail = error instanceof Error ? error.message : String(error);
  return unreadable('read_failed', `cannot read the file: ${detail}`);
}
