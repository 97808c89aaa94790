import { closeSync, fstatSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { join, normalize, sep } from 'node:path';
import type { ProjectMetadata } from './project-metadata';

/**
 * What every format reader gets: read-only access to one project, a file or a bundle folder
 * (Logic `.logicx`, GarageBand `.band`). Readers never touch the file system themselves, so the same
 * reader runs on the disk (`fileSource`) in the worker pool and on synthetic bytes in a test
 * (`memorySource`). Nothing here can write: files are opened `r` only.
 */
export interface ProjectSource {
  /** The project's path: the file, or the bundle folder. */
  readonly path: string;
  /** The project file's bytes (for a bundle: throws, use `readInside`). */
  bytes(): Buffer;
  /** A file inside a bundle by relative path (`/`-separated), or null when it is not there. */
  readInside(relativePath: string): Buffer | null;
  /** The entry names of a folder inside a bundle ('' = the bundle itself); [] when absent. */
  listInside(relativePath: string): string[];
}

/**
 * What a reader returns: the metadata, with samples as the paths the project stores (resolving them
 * on this disk is one shared step, `resolve-sample.ts`).
 */
export interface ProjectReading extends Omit<ProjectMetadata, 'samples'> {
  /** Every referenced audio file, as stored, each once, in the order first met. */
  samplePaths: string[];
  /**
   * Audio stored inside the project container (a DAWproject zip's `audio/…` entries): present by
   * definition, listed by their path inside the container.
   */
  embeddedSamples?: string[];
  /**
   * Relative folder (inside the project folder, or inside the bundle for a bundle) that relative
   * sample paths are stored against, when it is not the folder holding the project file itself:
   * Logic keeps `AudioFiles` relative to the bundle's `Media/`.
   */
  sampleBase?: string;
  /** Where the project renders its mixdown (REAPER `RENDER_FILE`), as stored, when it says. */
  renderFile?: string | null;
}

/** A reader: pure and total over its source. Throws with a reason when the file is not readable. */
export type ProjectReader = (source: ProjectSource) => ProjectReading;

/** Thrown for formats that cannot be read by design (Pro Tools): status `unsupported`. */
export class UnsupportedProjectError extends Error {
  override readonly name = 'UnsupportedProjectError';
}

/** Files larger than this are not read: no real project file is, and a worker must not run dry. */
export const MAX_PROJECT_BYTES = 512 * 1024 * 1024;

/** A source on the disk. Paths inside a bundle cannot climb out of it (`..` is refused). */
export function fileSource(path: string): ProjectSource {
  const inside = (relativePath: string): string | null => {
    const joined = normalize(join(path, ...relativePath.split('/')));
    return joined === path || joined.startsWith(path.endsWith(sep) ? path : path + sep) ? joined : null;
  };
  return {
    path,
    bytes: () => readWhole(path),
    readInside(relativePath) {
      const target = inside(relativePath);
      if (target === null) return null;
      try {
        return statSync(target).isFile() ? readWhole(target) : null;
      } catch {
        return null;
      }
    },
    listInside(relativePath) {
      const target = inside(relativePath);
      if (target === null) return [];
      try {
        return readdirSync(target);
      } catch {
        return [];
      }
    },
  };
}

function readWhole(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size > MAX_PROJECT_BYTES) throw new Error(`the file is too large to read (${size} bytes)`);
    const buffer = Buffer.allocUnsafe(size);
    let read = 0;
    while (read < size) {
      const got = readSync(fd, buffer, read, size - read, read);
      if (got === 0) break;
      read += got;
    }
    return read === size ? buffer : buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/**
 * A source in memory, for tests: `files[''] ` is the project file itself; other keys are paths
 * inside a bundle (`'Alternatives/000/ProjectData'`).
 */
export function memorySource(path: string, files: Record<string, Buffer | string>): ProjectSource {
  const get = (key: string): Buffer | null => {
    const value = files[key];
    return value === undefined ? null : typeof value === 'string' ? Buffer.from(value) : value;
  };
  return {
    path,
    bytes() {
      const own = get('');
      if (own === null) throw new Error('a bundle has no bytes of its own');
      return own;
    },
    readInside: (relativePath) => get(relativePath),
    listInside(relativePath) {
      const prefix = relativePath === '' ? '' : `${relativePath.replace(/\/$/, '')}/`;
      const names = new Set<string>();
      for (const key of Object.keys(files)) {
        if (key === '' || !key.startsWith(prefix)) continue;
        names.add(key.slice(prefix.length).split('/')[0]!);
      }
      return [...names];
    },
  };
}
