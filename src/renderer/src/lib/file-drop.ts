// What a dropped file tells the renderer. In Electron (≥ 32) File.path is gone; the preload's
// `pathForFile` (webUtils.getPathForFile) gives the path. Where it cannot (a browser, the e2e
// harness without a real file), only the file name is known.
import { audioMimeForPath } from '../../../shared/audio';
import { inferKindFromPath } from '../../../shared/kinds';
import type { SessionKind } from '../../../shared/domain';

export interface DroppedProject {
  /** Absolute path on disk, or null when the window cannot know it. */
  path: string | null;
  name: string;
  title: string;
  /** Guessed from the name when there is no path (the service infers it from a path itself). */
  kind: SessionKind | null;
}

const ABSOLUTE = /^(\/|[A-Za-z]:[\\/]|\\\\)/;

export function describeDroppedFile(file: File): DroppedProject {
  const fromPreload = window.sessionDock.pathForFile?.(file) ?? null;
  const legacyPath = fromPreload ?? (file as File & { path?: unknown }).path;
  const path = typeof legacyPath === 'string' && ABSOLUTE.test(legacyPath) ? legacyPath : null;
  const name = file.name;
  return { path, name, title: titleFromFileName(name), kind: path ? null : inferKindFromPath(name) };
}

/** "Night Drive v3.als" → "Night Drive v3"; names without a dot stay as they are. */
export function titleFromFileName(name: string): string {
  const base =
    name
      .replace(/[\\/]+$/, '')
      .split(/[\\/]/)
      .pop() ?? name;
  const dot = base.lastIndexOf('.');
  const title = (dot > 0 ? base.slice(0, dot) : base).trim();
  return title === '' ? 'Untitled session' : title.slice(0, 200);
}

/**
 * What a dropped item asks for: a project (file or bundle folder such as .logicx) becomes a
 * session, an audio file a preview of the selected session, an image the artwork of the session
 * it was dropped on (or of the selected one), any other folder is scanned for projects ("Add
 * folder…"), and any other file becomes a session named after it.
 */
export type DropIntent = 'project' | 'audio' | 'image' | 'folder';

export function intentOf(name: string, isDirectory: boolean, mimeType = ''): DropIntent {
  if (inferKindFromPath(name)) return 'project';
  if (isDirectory) return 'folder';
  if (audioMimeForPath(name)) return 'audio';
  if (isImage(name, mimeType)) return 'image';
  return 'project';
}

/**
 * Image names and types, wider than the formats artwork takes (PNG, JPEG, WebP, GIF): an SVG or
 * HEIC dropped is meant as artwork too, and main's refusal says which formats it takes.
 */
const IMAGE_EXTENSION = /\.(png|jpe?g|jfif|webp|gif|svg|tiff?|heic|heif|avif|bmp)$/i;

export function isImage(name: string, mimeType = ''): boolean {
  return mimeType.startsWith('image/') || IMAGE_EXTENSION.test(name);
}

/** A `file://` URL (a file copied in a file manager, as text/uri-list) → its path; null otherwise. */
export function pathOfFileUrl(text: string): string | null {
  const line = text
    .split(/\r?\n/)
    .map((candidate) => candidate.trim())
    .find((candidate) => candidate !== '' && !candidate.startsWith('#'));
  if (!line?.startsWith('file://')) return null;
  let url: URL;
  try {
    url = new URL(line);
  } catch {
    return null;
  }
  if (url.host !== '' && url.host !== 'localhost') return null;
  const path = decodeURIComponent(url.pathname);
  // file:///C:/Music/cover.png names C:/Music/cover.png on Windows.
  return /^\/[A-Za-z]:[\\/]/.test(path) ? path.slice(1) : path;
}
