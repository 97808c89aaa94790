import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { SessionKind } from '../../../shared/domain';
import { appleBundleKind, mayBeAppleBundle } from './apple-bundle';
import { errorCode, problemFrom } from './fs-problems';
import { childPath, isInsideFolder } from './paths';
import {
  BUNDLE_PROJECT_EXTENSIONS,
  classifyFolder,
  extensionOf,
  isHiddenName,
  projectKindOfFile,
} from './rules';
import type { ScanItem, ScanOptions, ScanProject, ScanSummary } from './scan-types';

const DEFAULT_CONCURRENCY = 12;
const DEFAULT_HIGH_WATER_MARK = 1024;

/**
 * Walks `root` recursively and yields each DAW project as soon as its folder has been listed, and
 * each entry that could not be read as a problem (the walk goes on). Returns a summary when done.
 * Reads folder listings (plus a stat and realpath per symbolic link); opens a file only to tell a
 * Logic bundle from a GarageBand one when a folder holds `Alternatives/` and `Resources/`.
 *
 * `root` may also be a project file or bundle itself: it is then the one project yielded.
 */
export async function* scanProjects(
  root: string,
  options: ScanOptions = {},
): AsyncGenerator<ScanItem, ScanSummary, undefined> {
  const started = performance.now();
  const { signal } = options;
  const walk = new ProjectWalk(options);
  const onAbort = (): void => walk.stop();
  signal?.addEventListener('abort', onAbort, { once: true });
  let projects = 0;
  let problems = 0;
  try {
    if (!signal?.aborted) await walk.start(resolve(root));
    while (!signal?.aborted) {
      const item = walk.take();
      if (item === undefined) {
        if (walk.isIdle()) break;
        await walk.progress();
        continue;
      }
      if (item.type === 'project') projects++;
      else problems++;
      yield item;
    }
    return {
      projects,
      problems,
      directories: walk.directories,
      skippedFolders: walk.skippedFolders,
      repeatedFolders: walk.repeatedFolders,
      cancelled: signal?.aborted ?? false,
      durationMs: performance.now() - started,
    };
  } finally {
    // Also reached when the caller stops iterating early (`break`): reads still in flight finish
    // on their own and their results are dropped.
    signal?.removeEventListener('abort', onAbort);
    walk.stop();
  }
}

interface FolderTask {
  path: string;
  /** The folder's real path, built from its parent's: needs no syscall for ordinary folders. */
  realPath: string;
}

interface LinkTask {
  path: string;
  name: string;
}

/**
 * The walk's state: a stack of folders to list, symbolic links to resolve, and a buffer of found
 * items the generator drains. Reads run with bounded concurrency and keep running while the
 * caller handles a yielded item, until the buffer reaches its high-water mark.
 */
class ProjectWalk {
  directories = 0;
  skippedFolders = 0;
  repeatedFolders = 0;

  private readonly concurrency: number;
  private readonly highWaterMark: number;
  private readonly followSymlinks: boolean;
  private readonly folders: FolderTask[] = [];
  private readonly links: LinkTask[] = [];
  /**
   * Real paths of the folders the walk was started at: the scanned folder and each symlinked
   * folder (or project) followed from outside it. Everything below them is walked exactly once,
   * so this is all loop and duplicate detection needs; it grows with links, not with the tree.
   */
  private readonly walkedRoots = new Set<string>();
  private rootRealPath = '';
  private output: ScanItem[] = [];
  private outputHead = 0;
  private readsInFlight = 0;
  private linksInFlight = 0;
  private stopped = false;
  private wakeUp: (() => void) | null = null;

  constructor(options: ScanOptions) {
    this.concurrency = Math.max(1, Math.floor(options.concurrency ?? DEFAULT_CONCURRENCY));
    this.highWaterMark = Math.max(1, Math.floor(options.highWaterMark ?? DEFAULT_HIGH_WATER_MARK));
    this.followSymlinks = options.followSymlinks ?? true;
  }

  /** The scanned path itself: a folder to walk, or a project file or bundle on its own. */
  async start(root: string): Promise<void> {
    try {
      const info = await stat(root);
      const name = basename(root);
      if (info.isDirectory() && BUNDLE_PROJECT_EXTENSIONS.has(extensionOf(name))) {
        const verdict = classifyFolder(name);
        if (verdict !== 'skip' && verdict !== 'descend') this.push(project(root, verdict, true));
        return;
      }
      if (!info.isDirectory()) {
        const kind = info.isFile() ? projectKindOfFile(name) : null;
        if (kind !== null) this.push(project(root, kind, false));
        else this.push({ type: 'problem', path: root, reason: 'not a folder or a project', code: 'ENOTDIR' });
        return;
      }
      // The chosen folder is walked even if hidden or named like a skipped one: the user picked it.
      this.rootRealPath = await realpath(root);
      this.walkedRoots.add(this.rootRealPath);
      this.folders.push({ path: root, realPath: this.rootRealPath });
    } catch (error) {
      this.push(problemFrom(root, error));
    }
  }

  /** The next found item, or undefined when none is buffered yet. */
  take(): ScanItem | undefined {
    if (this.outputHead === this.output.length) {
      this.pump();
      return undefined;
    }
    const item = this.output[this.outputHead++]!;
    if (this.outputHead === this.output.length) {
      this.output = [];
      this.outputHead = 0;
    }
    this.pump();
    return item;
  }

  isIdle(): boolean {
    return (
      this.outputHead === this.output.length &&
      this.folders.length === 0 &&
      this.links.length === 0 &&
      this.readsInFlight === 0 &&
      this.linksInFlight === 0
    );
  }

  /** Resolves when a read finishes (or the walk stops). */
  progress(): Promise<void> {
    return new Promise((resolvePromise) => {
      this.wakeUp = resolvePromise;
    });
  }

  stop(): void {
    this.stopped = true;
    this.wake();
  }

  private wake(): void {
    const wakeUp = this.wakeUp;
    this.wakeUp = null;
    wakeUp?.();
  }

  private push(item: ScanItem): void {
    if (!this.stopped) this.output.push(item);
  }

  /** Starts reads up to the concurrency limit, unless the buffer is full. */
  private pump(): void {
    while (
      !this.stopped &&
      this.readsInFlight + this.linksInFlight < this.concurrency &&
      this.output.length - this.outputHead < this.highWaterMark
    ) {
      const folder = this.folders.pop();
      if (folder !== undefined) {
        this.readsInFlight++;
        void this.readFolder(folder);
        continue;
      }
      const link = this.links.pop();
      if (link === undefined) return;
      this.linksInFlight++;
      void this.followLink(link);
    }
  }

  private async readFolder(folder: FolderTask): Promise<void> {
    try {
      // One scandir per folder; the entry types come with it, so no stat per entry.
      const entries = await readdir(folder.path, { withFileTypes: true });
      if (this.stopped) return;
      this.directories++;
      // A Logic or GarageBand bundle that lost its extension: known by its contents, not entered.
      const bundleKind = mayBeAppleBundle(entries) ? await appleBundleKind(folder.path, entries) : null;
      if (bundleKind !== null) this.push(project(folder.path, bundleKind, true));
      else if (!this.stopped) this.addEntries(folder, entries);
    } catch (error) {
      this.push(problemFrom(folder.path, error));
    } finally {
      this.readsInFlight--;
      this.pump();
      this.wake();
    }
  }

  private addEntries(folder: FolderTask, entries: Dirent[]): void {
    const firstChild = this.folders.length;
    for (const entry of entries) {
      const name = entry.name;
      if (isHiddenName(name)) continue;
      if (entry.isFile()) {
        const kind = projectKindOfFile(name);
        if (kind !== null) this.push(project(childPath(folder.path, name), kind, false));
      } else if (entry.isDirectory()) {
        const verdict = classifyFolder(name);
        if (verdict === 'skip') {
          this.skippedFolders++;
        } else if (verdict !== 'descend') {
          this.push(project(childPath(folder.path, name), verdict, true));
        } else {
          const realPath = childPath(folder.realPath, name);
          // Only a folder some followed link already walked can come round again.
          if (this.walkedRoots.size > 1 && this.walkedRoots.has(realPath)) this.repeatedFolders++;
          else this.folders.push({ path: childPath(folder.path, name), realPath });
        }
      } else if (entry.isSymbolicLink() && this.followSymlinks) {
        this.links.push({ path: childPath(folder.path, name), name });
      }
    }
    // The stack pops from the end: reverse this folder's children so they are listed in order.
    reverseTail(this.folders, firstChild);
  }

  private async followLink(link: LinkTask): Promise<void> {
    try {
      const info = await stat(link.path);
      const realPath = await realpath(link.path);
      if (info.isDirectory()) this.addLinkedFolder(link, realPath);
      else if (info.isFile()) this.addLinkedFile(link, realPath);
    } catch (error) {
      const broken = errorCode(error) === 'ENOENT';
      this.push(
        problemFrom(link.path, error, broken ? 'broken symbolic link (its target is missing)' : undefined),
      );
    } finally {
      this.linksInFlight--;
      this.pump();
      this.wake();
    }
  }

  private addLinkedFolder(link: LinkTask, realPath: string): void {
    if (this.stopped) return;
    // A link into a walked folder would repeat part of the walk (a loop, for `dir/link -> ..`);
    // a link to a folder above the scanned one would walk outside it.
    if (this.isWalked(realPath) || isInsideFolder(this.rootRealPath, realPath)) {
      this.repeatedFolders++;
      return;
    }
    // The link's own name decides first; a neutral name (`Current -> Song.logicx`) defers to the target's.
    let verdict = classifyFolder(link.name);
    if (verdict === 'descend') verdict = classifyFolder(basename(realPath));
    if (verdict === 'skip') {
      this.skippedFolders++;
      return;
    }
    this.walkedRoots.add(realPath);
    if (verdict === 'descend') this.folders.push({ path: link.path, realPath });
    else this.push(project(link.path, verdict, true));
  }

  private addLinkedFile(link: LinkTask, realPath: string): void {
    if (this.stopped) return;
    // Inside the walked tree the walk meets the file where it really is (or skips it there, in
    // Backup/ say, on purpose); either way the link must not add it a second time.
    if (this.isWalked(realPath)) return;
    const kind = projectKindOfFile(link.name) ?? projectKindOfFile(basename(realPath));
    if (kind === null) return;
    this.walkedRoots.add(realPath);
    this.push(project(link.path, kind, false));
  }

  private isWalked(realPath: string): boolean {
    for (const walked of this.walkedRoots) if (isInsideFolder(realPath, walked)) return true;
    return false;
  }
}

function project(path: string, kind: SessionKind, isBundle: boolean): ScanProject {
  return { type: 'project', path, kind, isBundle };
}

/** Reverses `items[from…]` in place (no spread: a folder may hold more entries than a call takes arguments). */
function reverseTail<T>(items: T[], from: number): void {
  for (let low = from, high = items.length - 1; low < high; low++, high--) {
    const swap = items[low]!;
    items[low] = items[high]!;
    items[high] = swap;
  }
}
