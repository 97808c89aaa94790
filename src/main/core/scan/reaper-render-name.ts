import { open } from 'node:fs/promises';
import { audioMimeOfName } from './mixdown-rules';

// The name REAPER renders a project's mixdown under, read from the `.rpp` itself: the render is
// usually named after the song, and the project file often is not ("test_track.rpp" renders
// "Royal Between.wav"). Only the project's header is read: REAPER writes `RENDER_FILE` and
// `RENDER_PATTERN` before the first `<TRACK`, so a few kilobytes, never the 2 MB of inline MIDI a
// project may hold further down. A file that is not a REAPER project, or cannot be read, has no name.

const CHUNK_BYTES = 64 * 1024;
/** A header longer than this (project notes can be long) is given up on: the hint is a bonus. */
const HEADER_LIMIT_BYTES = 1024 * 1024;

interface RenderSettings {
  /** `RENDER_FILE`: the whole output path when the pattern is empty, else the output folder. */
  file: string | null;
  /** `RENDER_PATTERN`: the file name, possibly with wildcards (`$project`, `$track`, …). */
  pattern: string | null;
}

/** The file name (no folder, no audio extension) the project renders to, or null when unknown. */
export async function readReaperRenderName(projectPath: string): Promise<string | null> {
  let settings: RenderSettings | null;
  try {
    settings = await readRenderSettings(projectPath);
  } catch {
    return null; // Missing or unreadable: the other mixdown rules still apply.
  }
  return settings === null ? null : renderNameOf(settings);
}

/** The render's file name from the settings as REAPER stores them, or null when it has none we can match. */
export function renderNameOf({ file, pattern }: RenderSettings): string | null {
  const target = pattern !== null && pattern !== '' ? pattern : file;
  if (target === null || target === '' || /[\\/]$/.test(target)) return null;
  const name = target.slice(Math.max(target.lastIndexOf('/'), target.lastIndexOf('\\')) + 1);
  // A wildcard is filled in by REAPER at render time: the stored text is not the file's name.
  if (name.includes('$')) return null;
  const dot = name.lastIndexOf('.');
  const withoutExtension = dot > 0 && audioMimeOfName(name) !== null ? name.slice(0, dot) : name;
  return withoutExtension.trim() === '' ? null : withoutExtension.trim();
}

async function readRenderSettings(projectPath: string): Promise<RenderSettings | null> {
  // Read-only: the scan module opens files for reading and nothing else.
  const handle = await open(projectPath, 'r');
  try {
    const decoder = new TextDecoder('utf-8');
    const buffer = Buffer.alloc(CHUNK_BYTES);
    const scanner = new HeaderScanner();
    let offset = 0;
    let pending = '';
    while (offset < HEADER_LIMIT_BYTES) {
      const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, offset);
      const end = bytesRead === 0;
      offset += bytesRead;
      pending += decoder.decode(buffer.subarray(0, bytesRead), { stream: !end });
      const lines = pending.split('\n');
      pending = end ? '' : lines.pop()!;
      for (const line of lines) {
        const verdict = scanner.line(line);
        if (verdict !== 'more') return verdict === 'not-reaper' ? null : scanner.settings;
      }
      if (end) return scanner.seenHeader ? scanner.settings : null;
    }
    return scanner.settings;
  } finally {
    await handle.close();
  }
}

/** Follows the project's chunk nesting line by line until the render settings are known. */
class HeaderScanner {
  readonly settings: RenderSettings = { file: null, pattern: null };
  seenHeader = false;
  private depth = 0;

  line(raw: string): 'more' | 'done' | 'not-reaper' {
    const line = raw.trim();
    if (!this.seenHeader) {
      if (!line.startsWith('<REAPER_PROJECT')) return 'not-reaper';
      this.seenHeader = true;
      this.depth = 1;
      return 'more';
    }
    if (line.startsWith('<')) {
      // The project's tracks come after its render settings: nothing more to find.
      if (this.depth === 1 && /^<TRACK\b/.test(line)) return 'done';
      this.depth++;
      return 'more';
    }
    if (line === '>') {
      this.depth--;
      return this.depth <= 0 ? 'done' : 'more';
    }
    if (this.depth !== 1) return 'more'; // a chunk's own lines (notes, FX state): not the project's
    if (line.startsWith('RENDER_FILE ')) this.settings.file = firstValue(line.slice(12));
    else if (line.startsWith('RENDER_PATTERN ')) this.settings.pattern = firstValue(line.slice(15));
    return this.settings.file !== null && this.settings.pattern !== null ? 'done' : 'more';
  }
}

/** REAPER quotes a value with ", ' or ` when it holds spaces (whichever it does not contain). */
function firstValue(text: string): string {
  const value = text.trimStart();
  const quote = value[0];
  if (quote === '"' || quote === "'" || quote === '`') {
    const close = value.indexOf(quote, 1);
    return close === -1 ? value.slice(1) : value.slice(1, close);
  }
  const space = value.search(/\s/);
  return space === -1 ? value : value.slice(0, space);
}
