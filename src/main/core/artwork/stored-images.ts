import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EXTENSION_OF_FORMAT, type ArtworkFormat } from './image-formats';

export const STORED_FOLDER = 'artwork';

/** A stored image's name: its content's SHA-256 and its format's extension. */
const STORED_NAME = /^[0-9a-f]{64}\.(png|jpg|webp|gif)$/;
/** What `save` writes first and renames: left behind only by a crash mid-write. */
const TEMPORARY_NAME = /^[0-9a-f]{64}\.(png|jpg|webp|gif)\.[0-9a-f]{12}\.tmp$/;

/**
 * Images pasted or dropped from memory (not files), kept by SessionDock in `<data dir>/artwork/`
 * under their content's hash, so the same image pasted twice is stored once. Only names of that
 * form are ever written or removed here.
 */
export class StoredImages {
  readonly folder: string;

  constructor(dataDir: string) {
    this.folder = join(dataDir, STORED_FOLDER);
  }

  static isStoredName(name: string): boolean {
    return STORED_NAME.test(name);
  }

  pathOf(name: string): string {
    if (!StoredImages.isStoredName(name)) throw new Error(`not a stored image name: ${name}`);
    return join(this.folder, name);
  }

  /** Writes the bytes (once: an image already stored is kept as is); answers the stored name. */
  async save(bytes: Uint8Array, format: ArtworkFormat): Promise<string> {
    const name = `${createHash('sha256').update(bytes).digest('hex')}${EXTENSION_OF_FORMAT[format]}`;
    const path = join(this.folder, name);
    const existing = await stat(path).catch(() => null);
    if (existing?.isFile() && existing.size === bytes.byteLength) return name;
    await mkdir(this.folder, { recursive: true, mode: 0o700 });
    const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await writeFile(temporary, bytes, { mode: 0o600 });
      await rename(temporary, path);
    } catch (error) {
      await rm(temporary, { force: true }).catch(() => undefined);
      throw error;
    }
    return name;
  }

  async remove(name: string): Promise<void> {
    await rm(this.pathOf(name), { force: true });
  }

  /** Every stored image's name (temporary files and anything else in the folder left out). */
  async names(): Promise<string[]> {
    const names = await readdir(this.folder).catch(() => [] as string[]);
    return names.filter((name) => StoredImages.isStoredName(name));
  }

  /** Temporary files left by a write cut short (a crash): removed at start. */
  async removeLeftovers(): Promise<void> {
    const names = await readdir(this.folder).catch(() => [] as string[]);
    for (const name of names) {
      if (TEMPORARY_NAME.test(name))
        await rm(join(this.folder, name), { force: true }).catch(() => undefined);
    }
  }
}
