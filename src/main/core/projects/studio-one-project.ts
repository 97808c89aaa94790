import type { PluginFormat, ProjectPlugin, ProjectTrack } from './project-metadata';
import type { ProjectReader } from './project-source';
import { readZipEntries, walkZipXml, type ZipEntries } from './zip-entries';

/**
 * Reads a Studio One song (`.song`, also Fender Studio Pro's): a zip of XML documents.
 *   - `metainfo.xml`: `<Attribute id="…" value="…"/>` pairs: `Document:Generator` ("Studio
 *     One/5.3.0.65413"), `Media:Tempo`, `Media:TimeSignatureNumerator/Denominator`,
 *     `Media:SampleRate`, `Media:KeySignature` ("-" when no key is set). It records no save time.
 *   - `Song/song.xml`: the tracks (`MediaTrack mediaType="Audio|Music"`, `FolderTrack`,
 *     `AutomationTrack`; marker, arranger and chord tracks are the song's rulers, not tracks) and
 *     the tempo and signature maps, read when `metainfo.xml` lacks them.
 *   - `Devices/audiomixer.xml`: the mixer's busses (`AudioGroupChannel`), FX channels
 *     (`AudioEffectChannel`) and outputs (`AudioOutputChannel`, the first is the main out), and
 *     with `audiosynthfolder.xml` (instruments) and `musictrackdevice.xml` (note FX) every device
 *     in use: each keeps a `ghostData` → `classInfo` naming its class, and `subCategory` its kind:
 *     "(Native)/EQ" for Studio One's own, "VST2…", "VST3…", "AU…", "CLAP…" for plug-ins.
 *   - `Song/mediapool.xml`: each `AudioClip`'s file as a `file:///` URL (returned as a path) or a
 *     `media:///` URL inside the song itself.
 */
export const readStudioOneProject: ProjectReader = (source) => {
  const zip = readZipEntries(source.bytes(), (name) => WANTED_ENTRIES.has(name));
  const meta = readMetaInformation(zip);
  const song = readSong(zip);
  const mixer = readMixerChannels(zip);
  const media = readMediaPool(zip);
  const tracks = [...song.tracks, ...mixer];

  const numerator = positiveNumber(meta.get('Media:TimeSignatureNumerator'));
  const denominator = positiveNumber(meta.get('Media:TimeSignatureDenominator'));
  const key = meta.get('Media:KeySignature')?.trim() ?? '';
  return {
    dawVersion: dawVersionOf(meta.get('Document:Generator')),
    tempo: positiveNumber(meta.get('Media:Tempo')) ?? song.tempo,
    timeSignature: numerator && denominator ? `${numerator}/${denominator}` : song.timeSignature,
    // "-" is Studio One's "no key set".
    key: key === '' || key === '-' ? null : key,
    sampleRate: positiveNumber(meta.get('Media:SampleRate')) ?? song.sampleRate,
    trackCount: tracks.length,
    tracks,
    plugins: readPlugins(zip),
    samplePaths: media.samplePaths,
    embeddedSamples: media.embeddedSamples,
    savedAt: null,
  };
};

const METAINFO = 'metainfo.xml';
const SONG = 'Song/song.xml';
const MEDIA_POOL = 'Song/mediapool.xml';
const MIXER = 'Devices/audiomixer.xml';
/** Where devices live: channel inserts (and sends' FX), the instrument rack, instrument tracks' note FX. */
const DEVICE_FILES = [MIXER, 'Devices/audiosynthfolder.xml', 'Devices/musictrackdevice.xml'];
const WANTED_ENTRIES = new Set([METAINFO, SONG, MEDIA_POOL, ...DEVICE_FILES]);

function readMetaInformation(zip: ZipEntries): Map<string, string> {
  const meta = new Map<string, string>();
  const present = walkZipXml(zip, METAINFO, {
    open(name, attributes) {
      if (name === 'Attribute' && attributes.id !== undefined && !meta.has(attributes.id)) {
        meta.set(attributes.id, attributes.value ?? '');
      }
    },
  });
  if (!present) throw new Error(`not a Studio One song (no ${METAINFO} in the archive)`);
  return meta;
}

/** "Studio One/5.3.0.65413" → "Studio One 5.3.0.65413"; Studio Pro writes its own name the same way. */
function dawVersionOf(generator: string | undefined): string | null {
  const text = generator?.trim() ?? '';
  if (text === '') return null;
  const slash = text.lastIndexOf('/');
  return slash > 0 ? `${text.slice(0, slash).trim()} ${text.slice(slash + 1).trim()}`.trim() : text;
}

interface SongDocument {
  tracks: ProjectTrack[];
  tempo: number | null;
  timeSignature: string | null;
  sampleRate: number | null;
}

function readSong(zip: ZipEntries): SongDocument {
  const song: SongDocument = { tracks: [], tempo: null, timeSignature: null, sampleRate: null };
  walkZipXml(zip, SONG, {
    open(name, attributes) {
      const trackName = attributes.name ?? '';
      switch (name) {
        case 'MediaTrack':
          song.tracks.push({
            name: trackName,
            type:
              attributes.mediaType === 'Audio'
                ? 'audio'
                : attributes.mediaType === 'Music'
                  ? 'instrument'
                  : 'other',
          });
          break;
        case 'FolderTrack':
          song.tracks.push({ name: trackName, type: 'group' });
          break;
        case 'AutomationTrack':
          song.tracks.push({ name: trackName, type: 'other' });
          break;
        case 'TempoMapSegment': {
          // Seconds per quarter note: 0.5 is 120 bpm. The first segment is the song's start.
          const secondsPerBeat = positiveNumber(attributes.tempo);
          if (song.tempo === null && secondsPerBeat !== null) song.tempo = roundTo(60 / secondsPerBeat, 3);
          break;
        }
        case 'TimeSignatureMapSegment':
          if (song.timeSignature === null && attributes.numerator && attributes.denominator) {
            song.timeSignature = `${attributes.numerator}/${attributes.denominator}`;
          }
          break;
        case 'Attributes':
          if (attributes['x:id'] === 'timeContext' && song.sampleRate === null) {
            song.sampleRate = positiveNumber(attributes.sampleRate);
          }
          break;
      }
    },
  });
  return song;
}

/** Busses, FX channels and outputs: the mixer's own channels, which song.xml does not list. */
function readMixerChannels(zip: ZipEntries): ProjectTrack[] {
  const channels: ProjectTrack[] = [];
  const outputs: ProjectTrack[] = [];
  walkZipXml(zip, MIXER, {
    open(name, attributes) {
      const label = attributes.label || attributes.name || '';
      if (name === 'AudioOutputChannel') {
        outputs.push({ name: label, type: outputs.length === 0 ? 'master' : 'other' });
      } else if (name === 'AudioGroupChannel') channels.push({ name: label, type: 'group' });
      else if (name === 'AudioEffectChannel') channels.push({ name: label, type: 'return' });
      else if (/^Audio\w*VCA\w*Channel$/.test(name)) channels.push({ name: label, type: 'other' });
    },
  });
  return [...channels, ...outputs];
}

/** Every device instance: a `classInfo` inside a slot's `ghostData`, counted by format, name and vendor. */
function readPlugins(zip: ZipEntries): ProjectPlugin[] {
  const plugins = new Map<string, ProjectPlugin>();
  for (const file of DEVICE_FILES) {
    const xids: (string | undefined)[] = [];
    walkZipXml(zip, file, {
      open(_name, attributes) {
        const xid = attributes['x:id'];
        if (xid === 'classInfo' && xids[xids.length - 1] === 'ghostData') {
          const plugin = pluginOf(attributes);
          if (plugin) {
            const key = `${plugin.format}|${plugin.name}|${plugin.vendor ?? ''}`;
            const known = plugins.get(key);
            if (known) known.instances++;
            else plugins.set(key, plugin);
          }
        }
        xids.push(xid);
      },
      close() {
        xids.pop();
      },
    });
  }
  return [...plugins.values()];
}

function pluginOf(classInfo: Readonly<Record<string, string>>): ProjectPlugin | null {
  const name = classInfo.name?.trim() ?? '';
  const format = formatOf(classInfo.subCategory ?? '');
  // A class without a name, or of a kind Studio One's categories do not tell, is not guessed at.
  if (name === '' || format === null) return null;
  return { name, vendor: classInfo.vendor?.trim() || null, format, instances: 1 };
}

/** `subCategory` starts with the device's kind: "(Native)/EQ", "VST3/Fx|Reverb", "VST2", "AU/…", "CLAP/…". */
function formatOf(subCategory: string): PluginFormat | null {
  const kind = subCategory.trim().split('/')[0]!.toUpperCase();
  if (kind === '(NATIVE)') return 'built-in';
  if (kind.startsWith('VST3')) return 'VST3';
  if (kind.startsWith('VST')) return 'VST';
  if (kind.startsWith('AU') || kind.startsWith('AUDIOUNIT')) return 'AU';
  if (kind.startsWith('CLAP')) return 'CLAP';
  return null;
}

interface MediaPool {
  samplePaths: string[];
  embeddedSamples: string[];
}

function readMediaPool(zip: ZipEntries): MediaPool {
  const samplePaths = new Set<string>();
  const embeddedSamples = new Set<string>();
  const entries = new Set(zip.names);
  let audioClipDepth = 0;
  walkZipXml(zip, MEDIA_POOL, {
    open(name, attributes) {
      if (name === 'AudioClip') audioClipDepth++;
      else if (audioClipDepth > 0 && attributes['x:id'] === 'path' && attributes.url) {
        const stored = storedPathOfUrl(attributes.url);
        if (stored.inside && entries.has(stored.path)) embeddedSamples.add(stored.path);
        else if (stored.path !== '') samplePaths.add(stored.path);
      }
    },
    close(name) {
      if (name === 'AudioClip') audioClipDepth--;
    },
  });
  return { samplePaths: [...samplePaths], embeddedSamples: [...embeddedSamples] };
}

/**
 * A media pool URL as a path. `file:` URLs become the path they name, percent-decoded, in their
 * own OS's form whatever OS reads them: `file:///Users/a/b%20c.wav` → `/Users/a/b c.wav`,
 * `file:///C:/Audio/x.wav` → `C:\Audio\x.wav`, `file://server/share/x.wav` → `\\server\share\x.wav`.
 * `media:` URLs name an entry inside the song (`inside`). Anything else is kept as written.
 */
export function storedPathOfUrl(url: string): { path: string; inside: boolean } {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  if (scheme === 'media') return { path: percentDecode(url.slice(6).replace(/^\/+/, '')), inside: true };
  if (scheme !== 'file') return { path: url, inside: false };
  let rest = url.slice(5);
  let host = '';
  if (rest.startsWith('//')) {
    const slash = rest.indexOf('/', 2);
    host = slash === -1 ? rest.slice(2) : rest.slice(2, slash);
    rest = slash === -1 ? '' : rest.slice(slash);
  }
  const path = percentDecode(rest);
  // "file://C:/x" (a drive written as the host) and "file:///C:/x" or "file:///C|/x" name a drive.
  const drive = /^[A-Za-z][:|]$/.test(host) ? `${host[0]}:` : null;
  if (drive) return { path: `${drive}${path.replaceAll('/', '\\')}`, inside: false };
  const driveInPath = /^\/([A-Za-z])[:|](\/|$)/.exec(path);
  if ((host === '' || host.toLowerCase() === 'localhost') && driveInPath) {
    return { path: `${driveInPath[1]}:${path.slice(3).replaceAll('/', '\\') || '\\'}`, inside: false };
  }
  if (host !== '' && host.toLowerCase() !== 'localhost') {
    return { path: `\\\\${percentDecode(host)}${path.replaceAll('/', '\\')}`, inside: false };
  }
  return { path, inside: false };
}

/** Decodes each run of `%XX` escapes; a run that is not valid UTF-8, or a lone `%`, stays as written. */
function percentDecode(text: string): string {
  return text.replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

function positiveNumber(text: string | undefined): number | null {
  if (text === undefined || text.trim() === '') return null;
  const value = Number(text);
  return Number.isFinite(value) && value > 0 ? value : null;
}

function roundTo(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
