import type {
  PluginFormat,
  ProjectMetadata,
  ProjectPlugin,
  ProjectTrack,
  TrackType,
} from './project-metadata';

/**
 * Reads a REAPER project (`.rpp`): plain text, one chunk per `<NAME …` … `>` block.
 * `<REAPER_PROJECT 0.1 "6.69/win64" 1666993213` gives the version and the save time, `TEMPO bpm
 * num denom` the tempo and signature, `SAMPLERATE`, each `<TRACK` its name, folder flag, FX chain
 * (`<VST "VSTi: Name (Vendor)" …`, `<AU`, `<CLAP`, `<JS path`) and items, whose `<SOURCE … FILE
 * "path"` are the samples. REAPER has no project key. Sample paths are returned as stored; the
 * caller resolves them on disk (relative ones against the project folder, either separator).
 */
export interface ReaperProject extends Omit<ProjectMetadata, 'samples'> {
  /** Every `FILE` of an item source, as stored, each once, in the order first met. */
  samplePaths: string[];
  /** `RENDER_FILE`: where the project renders its mixdown, as stored, or null. */
  renderFile: string | null;
}

interface TrackState {
  name: string;
  folder: boolean;
  instrument: boolean;
  midi: boolean;
  audio: boolean;
}

export function parseReaperProject(text: string): ReaperProject {
  const lines = text.split(/\r?\n/);
  const header = tokenize(lines[0]?.trim() ?? '');
  if (header[0] !== '<REAPER_PROJECT') throw new Error('not a REAPER project (no <REAPER_PROJECT header)');

  const result: ReaperProject = {
    dawVersion: header[2] ? `REAPER ${header[2].split('/')[0]}` : 'REAPER',
    tempo: null,
    timeSignature: null,
    key: null,
    sampleRate: null,
    trackCount: 1,
    tracks: [{ name: 'Master', type: 'master' }],
    plugins: [],
    samplePaths: [],
    renderFile: null,
    savedAt: savedAt(header[3]),
  };
  const plugins = new Map<string, ProjectPlugin>();
  const samples = new Set<string>();
  const stack: string[] = ['REAPER_PROJECT'];
  let track: TrackState | null = null;
  const tracks: TrackState[] = [];

  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    if (line === '>') {
      if (stack.pop() === 'TRACK' && track) {
        tracks.push(track);
        track = null;
      }
      continue;
    }
    if (line.startsWith('<')) {
      const tokens = tokenize(line);
      const chunk = tokens[0]!.slice(1);
      stack.push(chunk);
      if (chunk === 'TRACK' && stack.length === 2) {
        track = { name: '', folder: false, instrument: false, midi: false, audio: false };
      } else if (PLUGIN_CHUNKS.has(chunk)) {
        const plugin = pluginOf(chunk, tokens);
        if (plugin) {
          const key = `${plugin.format}|${plugin.name}|${plugin.vendor ?? ''}`;
          const known = plugins.get(key);
          if (known) known.instances++;
          else plugins.set(key, plugin);
          if (track && plugin.instrument) track.instrument = true;
        }
      } else if (chunk === 'SOURCE' && track) {
        if (tokens[1] === 'MIDI') track.midi = true;
        else if (tokens[1] !== 'SECTION') track.audio = true;
      }
      continue;
    }
    const tokens = tokenize(line);
    const current = stack[stack.length - 1];
    if (current === 'REAPER_PROJECT') readProjectLine(tokens, result);
    else if (current === 'TRACK' && track) {
      if (tokens[0] === 'NAME') track.name = tokens[1] ?? '';
      else if (tokens[0] === 'ISBUS') track.folder = tokens[1] === '1';
    } else if (current === 'SOURCE' && tokens[0] === 'FILE' && tokens[1]) samples.add(tokens[1]);
  }

  result.tracks.push(...tracks.map(toTrack));
  result.trackCount = result.tracks.length;
  result.plugins = [...plugins.values()].map(({ name, vendor, format, instances }) => ({
    name,
    vendor,
    format,
    instances,
  }));
  result.samplePaths = [...samples];
  return result;
}

function readProjectLine(tokens: string[], result: ReaperProject): void {
  switch (tokens[0]) {
    case 'TEMPO': {
      const bpm = Number(tokens[1]);
      if (Number.isFinite(bpm) && bpm > 0) result.tempo = bpm;
      if (tokens[2] && tokens[3]) result.timeSignature = `${tokens[2]}/${tokens[3]}`;
      break;
    }
    case 'SAMPLERATE': {
      const rate = Number(tokens[1]);
      if (Number.isInteger(rate) && rate > 0) result.sampleRate = rate;
      break;
    }
    case 'RENDER_FILE':
      result.renderFile = tokens[1] ? tokens[1] : null;
      break;
  }
}

function toTrack(track: TrackState): ProjectTrack {
  const type: TrackType = track.folder
    ? 'group'
    : track.instrument
      ? 'instrument'
      : track.midi
        ? 'midi'
        : track.audio
          ? 'audio'
          : 'other';
  return { name: track.name, type };
}

const PLUGIN_CHUNKS = new Set(['VST', 'AU', 'CLAP', 'JS', 'DX', 'LV2']);

/** `"VST3i: Kontakt (Native Instruments) (64 out)"` → format, name, vendor, and whether it is an instrument. */
function pluginOf(chunk: string, tokens: string[]): (ProjectPlugin & { instrument: boolean }) | null {
  if (chunk === 'JS') {
    const path = tokens[1];
    return path ? { name: path, vendor: null, format: 'JS', instances: 1, instrument: false } : null;
  }
  const label = tokens[1] ?? '';
  const match = /^(VST3|VST|AU|CLAP|DX|LV2)(i?):\s*(.*)$/.exec(label);
  if (!match) return null;
  const format: PluginFormat | null =
    match[1] === 'VST3'
      ? 'VST3'
      : match[1] === 'VST'
        ? 'VST'
        : match[1] === 'AU'
          ? 'AU'
          : match[1] === 'CLAP'
            ? 'CLAP'
            : null;
  if (!format) return null;
  // Channel and architecture notes REAPER appends: "(x86)", "(2->6ch)", "(64 out)", "(mono)".
  let rest = match[3]!.trim();
  while (/\s*\((x86|x64|mono|\d+(->\d+)?\s*ch|\d+\s*out)\)$/i.test(rest)) {
    rest = rest.replace(/\s*\((x86|x64|mono|\d+(->\d+)?\s*ch|\d+\s*out)\)$/i, '');
  }
  const vendor = /^(.*)\s+\(([^()]*)\)$/.exec(rest);
  return {
    name: (vendor ? vendor[1]! : rest).replace(/\s*\((x86|x64)\)$/i, '').trim(),
    vendor: vendor ? vendor[2]!.trim() || null : null,
    format,
    instances: 1,
    instrument: match[2] === 'i',
  };
}

function savedAt(stamp: string | undefined): string | null {
  const seconds = Number(stamp);
  // Plausible save times only: from 2000 to a day ahead of now.
  if (!Number.isInteger(seconds) || seconds < 946_684_800 || seconds > Date.now() / 1000 + 86_400)
    return null;
  return new Date(seconds * 1000).toISOString();
}

/** Splits an RPP line: words, or strings quoted with ", ' or ` (REAPER picks a quote the text lacks). */
export function tokenize(line: string): string[] {
  const tokens: string[] = [];
  let i = 0;
  while (i < line.length) {
    while (line[i] === ' ' || line[i] === '\t') i++;
    if (i >= line.length) break;
    const quote = line[i];
    if (quote === '"' || quote === "'" || quote === '`') {
      const end = line.indexOf(quote, i + 1);
      if (end === -1) {
        tokens.push(line.slice(i + 1));
        break;
      }
      tokens.push(line.slice(i + 1, end));
      i = end + 1;
    } else {
      let end = i;
      while (end < line.length && line[end] !== ' ' && line[end] !== '\t') end++;
      tokens.push(line.slice(i, end));
      i = end;
    }
  }
  return tokens;
}
