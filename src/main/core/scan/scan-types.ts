import type { SessionKind } from '../../../shared/domain';

/** A project found by the walk. `path` is absolute and as found under the scanned folder. */
export interface ScanProject {
  type: 'project';
  path: string;
  kind: SessionKind;
  /** A folder project (`.logicx`, `.band`): the folder itself is the project. */
  isBundle: boolean;
}

/** A file or folder that could not be read. The walk goes on; the caller shows these to the user. */
export interface ScanProblem {
  type: 'problem';
  path: string;
  /** Human-readable: "permission denied", "broken symbolic link", … */
  reason: string;
  /** The system error code (`EACCES`, `ENOENT`, `ELOOP`, …) when there was one. */
  code: string | null;
}

export type ScanItem = ScanProject | ScanProblem;

/** What the generator returns when it ends (the value of its final `next()`). */
export interface ScanSummary {
  projects: number;
  problems: number;
  /** Directories listed (the scanned folder included). */
  directories: number;
  /** Folders left alone by a rule (plugin bundles, Backup/History/Session File Backups); hidden ones are not counted. */
  skippedFolders: number;
  /** Symbolic links to folders not followed because their target was already walked. */
  repeatedFolders: number;
  /** True when the signal aborted the walk; the counts then cover what was yielded before it. */
  cancelled: boolean;
  durationMs: number;
}

export interface ScanOptions {
  /** Aborting stops the walk promptly: nothing more is yielded and the generator returns. */
  signal?: AbortSignal;
  /** Directory listings in flight at once (default 12; libuv runs 4 at a time by default). */
  concurrency?: number;
  /**
   * Found items held before the walk pauses for a slow consumer (default 1,024): memory stays
   * bounded however large the tree and however slowly the caller handles each project.
   */
  highWaterMark?: number;
  /** Follow symbolic links (default true); each real folder or project is still visited once. */
  followSymlinks?: boolean;
}
