import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import {
  chmod,
  cp,
  lstat,
  mkdir,
  mkdtemp,
  readFile,
  readdir,
  readlink,
  rm,
  symlink,
  truncate,
  utimes,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { SessionKind } from '../../src/shared/domain';
import { scanProjects } from '../../src/main/core/scan';
import type { ScanOptions, ScanProblem, ScanProject, ScanSummary } from '../../src/main/core/scan';

/**
 * Project trees for the scanner tests, written into temp folders. Trees are described as a map of
 * relative path → node, so each test shows exactly what is on disk.
 */

export type TreeNode =
  | { type: 'file'; content: string }
  | { type: 'bytes'; content: Buffer }
  | { type: 'dir' }
  | { type: 'audio'; bytes: number; mtimeMs: number | null }
  | { type: 'symlink'; target: string };

export type TreeSpec = Record<string, TreeNode>;

export const file = (content = 'project'): TreeNode => ({ type: 'file', content });
/** A file of these exact bytes (a binary plist, say). */
export const bytes = (content: Buffer): TreeNode => ({ type: 'bytes', content });
export const dir = (): TreeNode => ({ type: 'dir' });
/** A zero-filled (sparse) audio file of `bytes`, with the given modification time. */
export const audio = (bytes: number, mtimeMs: number | null = null): TreeNode => ({
  type: 'audio',
  bytes,
  mtimeMs,
});
/** A symbolic link; `target` is written as given (relative targets resolve from the link's folder). */
export const link = (target: string): TreeNode => ({ type: 'symlink', target });

const tempDirs: string[] = [];
const lockedDirs: string[] = [];

export async function makeTempDir(prefix = 'sessiondock-scan-'): Promise<string> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  tempDirs.push(path);
  return path;
}

/** Removes every temp folder made by `makeTempDir`, unlocking chmod-000 folders first. */
export async function removeTempDirs(): Promise<void> {
  for (const path of lockedDirs.splice(0)) await chmod(path, 0o755).catch(() => undefined);
  for (const path of tempDirs.splice(0)) await rm(path, { recursive: true, force: true });
}

export async function buildTree(root: string, spec: TreeSpec): Promise<void> {
  // Folders and files first, links last, so a link's target exists when the test needs it to.
  const entries = Object.entries(spec).sort(
    ([, a], [, b]) => Number(a.type === 'symlink') - Number(b.type === 'symlink'),
  );
  for (const [relative, node] of entries) {
    const path = join(root, relative);
    await mkdir(node.type === 'dir' ? path : dirname(path), { recursive: true });
    if (node.type === 'file' || node.type === 'bytes') {
      await writeFile(path, node.content);
    } else if (node.type === 'audio') {
      await writeFile(path, '');
      await truncate(path, node.bytes);
      if (node.mtimeMs !== null) await utimes(path, node.mtimeMs / 1000, node.mtimeMs / 1000);
    } else if (node.type === 'symlink') {
      await symlink(node.target, path);
    }
  }
}

/**
 * Copies a folder (a corpus project, read-only where it lies) into a temp folder and makes the copy
 * writable, so a test can add files beside it and `removeTempDirs` can delete it without root.
 */
export async function copyWritable(source: string, target: string): Promise<void> {
  await cp(source, target, { recursive: true });
  const visit = async (path: string): Promise<void> => {
    const info = await lstat(path);
    if (info.isSymbolicLink()) return;
    await chmod(path, (info.mode & 0o7777) | 0o200 | (info.isDirectory() ? 0o100 : 0));
    if (info.isDirectory()) for (const name of await readdir(path)) await visit(join(path, name));
  };
  await visit(target);
}

/** Makes a folder unreadable (chmod 000); `removeTempDirs` restores it so it can be deleted. */
export async function lockFolder(path: string): Promise<void> {
  await mkdir(path, { recursive: true });
  await chmod(path, 0o000);
  lockedDirs.push(path);
}

/**
 * Whether chmod 000 actually stops this process listing a folder. It does not for root (or any
 * process with CAP_DAC_OVERRIDE), which is how these tests often run in containers.
 */
export async function chmodBlocksReads(scratch: string): Promise<boolean> {
  const probe = join(scratch, 'chmod-probe');
  await lockFolder(probe);
  try {
    await readdir(probe);
    return false;
  } catch {
    return true;
  } finally {
    await chmod(probe, 0o755);
    await rm(probe, { recursive: true, force: true });
  }
}

/** uid/gid of `nobody`, for running a scan without root's override of file permissions. */
export const NOBODY = { uid: 65534, gid: 65534 } as const;

/** True when this process can start a child as `nobody` (it is root and may set its uid). */
export function canRunAsNobody(): boolean {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return false;
  const result = spawnSync(process.execPath, ['-e', 'process.exit(process.getuid() === 65534 ? 0 : 1)'], {
    ...NOBODY,
    stdio: 'ignore',
  });
  return result.status === 0;
}

/** Everything a scan yielded, split by type, plus its summary. */
export interface Collected {
  projects: ScanProject[];
  problems: ScanProblem[];
  summary: ScanSummary;
}

export async function collect(root: string, options: ScanOptions = {}): Promise<Collected> {
  const projects: ScanProject[] = [];
  const problems: ScanProblem[] = [];
  const scan = scanProjects(root, options);
  for (;;) {
    const step = await scan.next();
    if (step.done) return { projects, problems, summary: step.value };
    if (step.value.type === 'project') projects.push(step.value);
    else problems.push(step.value);
  }
}

/** Projects as sorted `relative path → kind (bundle)` lines: easy to compare and to read in a diff. */
export function describeProjects(root: string, projects: readonly ScanProject[]): string[] {
  return projects
    .map(
      (project) =>
        `${relativeTo(root, project.path)} → ${project.kind}${project.isBundle ? ' (bundle)' : ''}`,
    )
    .sort();
}

export function relativeTo(root: string, path: string): string {
  return path.startsWith(root + '/') ? path.slice(root.length + 1) : path;
}

// ---------------------------------------------------------------------------------------------
// The tree with every kind and every skip rule
// ---------------------------------------------------------------------------------------------

/** Projects that must be found in `ALL_KINDS_TREE`: relative path → kind (bundle). */
export const ALL_KINDS_EXPECTED: readonly string[] = [
  'Ableton/Song A Project/Song A.als → Ableton',
  'Ableton/Song B Project/SONG B.ALS → Ableton',
  'Bitwig/Loop.bwproject → Bitwig',
  'Cubase/Track.cpr → Cubase',
  'DAWproject/Exchange.dawproject → DAWproject',
  'FL/Beat.flp → FL Studio',
  'FL/Beat2.FLP → FL Studio',
  'GarageBand/Idea.band → GarageBand (bundle)',
  'Logic/Song C/Song C.logicx → Logic Pro (bundle)',
  'Logic/Song D/SONG D.LOGICX → Logic Pro (bundle)',
  'Nuendo/Post.npr → Nuendo',
  'Pro Tools/Ancient.pts → Pro Tools',
  'Pro Tools/Old Session.ptf → Pro Tools',
  'Pro Tools/Session.ptx → Pro Tools',
  'Reaper/Mix.rpp → Reaper',
  'Studio One/Tune.song → Studio One',
  'Visible/folder.als/Inner.cpr → Cubase',
];

/**
 * Every kind in the table, and next to them everything a scan must not count: backups of each
 * DAW (any case), files inside bundles, plugin bundles, hidden files and folders, look-alikes.
 */
export const ALL_KINDS_TREE: TreeSpec = {
  'Ableton/Song A Project/Song A.als': file(),
  'Ableton/Song A Project/Backup/Song A [2024-01-01 120000].als': file(),
  'Ableton/Song A Project/Backup/Deeper/Song A old.als': file(),
  'Ableton/Song A Project/Ableton Project Info/Project8_1.cfg': file(),
  'Ableton/Song A Project/Samples/Recorded/take.wav': audio(1000),
  'Ableton/Song B Project/SONG B.ALS': file(),
  'Ableton/Song B Project/BACKUP/SONG B [2023].ALS': file(),
  'Logic/Song C/Song C.logicx/Alternatives/000/ProjectData': file(),
  'Logic/Song C/Song C.logicx/Alternatives/000/Imported.als': file(),
  'Logic/Song C/Song C.logicx/Resources/Nested.band/projectData': file(),
  'Logic/Song C/Song C.logicx/Resources/Rogue.flp': file(),
  'Logic/Song D/SONG D.LOGICX/Alternatives/000/ProjectData': file(),
  'Logic/Not A Bundle.logicx': file('a file with a bundle extension is not a Logic project'),
  'FL/Beat.flp': file(),
  'FL/Beat2.FLP': file(),
  'Reaper/Mix.rpp': file(),
  'Reaper/Mix.rpp-bak': file(),
  'Reaper/Mix.RPP-BAK': file(),
  'Reaper/Mix.rpp-undo': file(),
  'Cubase/Track.cpr': file(),
  'Cubase/Track.bak': file(),
  'Nuendo/Post.npr': file(),
  'Bitwig/Loop.bwproject': file(),
  'Studio One/Tune.song': file(),
  'Studio One/History/Tune (1).song': file(),
  'Studio One/history/Tune (2).song': file(),
  'Pro Tools/Session.ptx': file(),
  'Pro Tools/Old Session.ptf': file(),
  'Pro Tools/Ancient.pts': file(),
  'Pro Tools/Session File Backups/Session.bak.0001.ptx': file(),
  'Pro Tools/session file backups/Session.bak.0002.ptx': file(),
  'GarageBand/Idea.band/projectData': file(),
  'GarageBand/Idea.band/Output/Output.als': file(),
  'GarageBand/Idea.band/Media/Inner.logicx/ProjectData': file(),
  'DAWproject/Exchange.dawproject': file(),
  'Plugins/Synth.vst3/Contents/Resources/Preset.als': file(),
  'Plugins/Sampler.component/Contents/Demo.flp': file(),
  'Plugins/Old.vst/Contents/Demo.rpp': file(),
  'Plugins/Channel.aaxplugin/Contents/Demo.ptx': file(),
  'Plugins/Editor.app/Contents/Resources/Template.song': file(),
  'Plugins/UPPER.VST3/Contents/Demo.cpr': file(),
  '.hidden/Secret.als': file(),
  '.Trash/Deleted/Deleted.logicx/ProjectData': file(),
  'Visible/.Song.als': file(),
  'Visible/._Song.als': file('AppleDouble'),
  'Visible/.DS_Store': file(),
  'Visible/notes.txt': file(),
  'Visible/folder.als/Inner.cpr': file(),
  'Visible/Empty Folder': dir(),
};

/** The kinds `ALL_KINDS_EXPECTED` covers: every kind in the table but Other. */
export const KINDS_IN_TREE: readonly SessionKind[] = [
  'Ableton',
  'Logic Pro',
  'FL Studio',
  'Reaper',
  'Cubase',
  'Nuendo',
  'Bitwig',
  'Studio One',
  'Pro Tools',
  'GarageBand',
  'DAWproject',
];

// ---------------------------------------------------------------------------------------------
// Snapshots: proof that nothing was written
// ---------------------------------------------------------------------------------------------

/**
 * Every entry under `root` (links not followed): files with size, mtime and SHA-256, folders with
 * mtime and their sorted listing, links with their target. Equal snapshots mean nothing under
 * `root` was created, changed, renamed or removed (access times are deliberately left out:
 * reading may update them).
 */
export async function snapshotTree(root: string): Promise<Map<string, string>> {
  const snapshot = new Map<string, string>();
  const visit = async (path: string): Promise<void> => {
    const info = await lstat(path);
    const mode = (info.mode & 0o7777).toString(8);
    if (info.isSymbolicLink()) {
      snapshot.set(path, `link ${await readlink(path)} mtime=${info.mtimeMs}`);
    } else if (info.isDirectory()) {
      const names = (await readdir(path)).sort();
      snapshot.set(path, `dir mode=${mode} mtime=${info.mtimeMs} [${names.join(' | ')}]`);
      for (const name of names) await visit(join(path, name));
    } else {
      const hash = createHash('sha256')
        .update(await readFile(path))
        .digest('hex');
      snapshot.set(path, `file mode=${mode} size=${info.size} mtime=${info.mtimeMs} sha256=${hash}`);
    }
  };
  await visit(root);
  return snapshot;
}
