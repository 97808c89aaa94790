import type { PluginFormat, ProjectPlugin, ProjectTrack, TrackType } from './project-metadata';
import type { ProjectReader, ProjectReading } from './project-source';
import { readZipEntries, walkZipXml, zipEntryText, type ZipEntries } from './zip-entries';

/**
 * Reads a DAWproject (`.dawproject`, the open exchange format of Bitwig and PreSonus): a zip with
 * the project document, its metadata (title, artist… nothing SessionDock shows) and, usually,
 * its audio embedded under `audio/` (0.1: `samples/`).
 *   - 1.0 (`project.xml`): `<Application name version>`, `<Transport>` `<Tempo value>` and
 *     `<TimeSignature numerator denominator>`, `<Structure>` of `<Track contentType="audio notes
 *     tracks …">` holding a `<Channel role="regular|master|effect|submix|vca">` whose `<Devices>`
 *     are `Vst2Plugin`, `Vst3Plugin`, `ClapPlugin`, `AuPlugin` or built-in ones (`BuiltinDevice`,
 *     `Equalizer`, `Compressor`, `NoiseGate`, `Limiter`), each with `deviceName`, `deviceVendor`
 *     and `deviceRole`; group tracks nest their tracks. Audio is `<Audio><File path external>`.
 *   - 0.1 (`project.json`, Bitwig 3.2): transport, tracks and channels joined by index
 *     references (`{ location, index }`), channel devices, audio timelines' `audioFile`.
 * Track types: a master channel is master, an effect channel (0.1: one that sends reach) return,
 * a submix or a track holding tracks group. A notes track is an instrument track when its channel
 * holds an instrument device and MIDI otherwise, since without one its notes play nothing here.
 * DAWproject records no key, no project sample rate and no save time.
 */
export const readDawProject: ProjectReader = (source) => {
  const zip = readZipEntries(source.bytes(), (name) => name === PROJECT_XML || name === PROJECT_JSON);
  if (zip.files.has(PROJECT_XML)) return readVersion1(zip);
  if (zip.files.has(PROJECT_JSON)) return readVersion01(zip);
  throw new Error(`not a DAWproject (no ${PROJECT_XML} or ${PROJECT_JSON} in the archive)`);
};

const PROJECT_XML = 'project.xml';
const PROJECT_JSON = 'project.json';

const DEVICE_FORMATS: Readonly<Record<string, PluginFormat>> = {
  Vst2Plugin: 'VST',
  Vst3Plugin: 'VST3',
  ClapPlugin: 'CLAP',
  AuPlugin: 'AU',
  BuiltinDevice: 'built-in',
  Equalizer: 'built-in',
  Compressor: 'built-in',
  NoiseGate: 'built-in',
  Limiter: 'built-in',
  Device: 'built-in',
};

interface TrackState {
  name: string;
  role: string | null;
  content: Set<string>;
  holdsTracks: boolean;
  hasInstrument: boolean;
}

function typeOf(track: TrackState): TrackType {
  if (track.role === 'master') return 'master';
  if (track.role === 'effect') return 'return';
  if (track.role === 'submix' || track.holdsTracks || track.content.has('tracks')) return 'group';
  if (track.role === 'vca') return 'other';
  if (track.content.has('notes') && track.hasInstrument) return 'instrument';
  if (track.content.has('audio')) return 'audio';
  if (track.content.has('notes')) return 'midi';
  return 'other';
}

function newTrack(name: string): TrackState {
  return { name, role: null, content: new Set(), holdsTracks: false, hasInstrument: false };
}

/** Counts instances by format, name and vendor. */
class PluginTally {
  private readonly byKey = new Map<string, ProjectPlugin>();

  add(name: string, vendor: string | null, format: PluginFormat): void {
    const key = `${format}|${name}|${vendor ?? ''}`;
    const known = this.byKey.get(key);
    if (known) known.instances++;
    else this.byKey.set(key, { name, vendor, format, instances: 1 });
  }

  list(): ProjectPlugin[] {
    return [...this.byKey.values()];
  }
}

/** Audio inside the container is present by definition; a path it does not hold is a file outside. */
class SampleTally {
  readonly samplePaths = new Set<string>();
  readonly embeddedSamples = new Set<string>();
  private readonly entries: Set<string>;

  constructor(zip: ZipEntries) {
    this.entries = new Set(zip.names);
  }

  add(path: string, external: boolean): void {
    if (path === '') return;
    const inside = path.replace(/^\.\//, '');
    if (!external && this.entries.has(inside)) this.embeddedSamples.add(inside);
    else this.samplePaths.add(path);
  }
}

function readVersion1(zip: ZipEntries): ProjectReading {
  const reading = emptyReading();
  const tracks: TrackState[] = [];
  const plugins = new PluginTally();
  const samples = new SampleTally(zip);
  const elements: string[] = [];
  const openTracks: TrackState[] = [];
  // The track each open Channel belongs to (a Channel directly in Structure stands for itself).
  const openChannels: (TrackState | null)[] = [];
  let root: string | null = null;

  walkZipXml(zip, PROJECT_XML, {
    open(name, attributes) {
      const parent = elements[elements.length - 1];
      root ??= name;
      if (root !== 'Project') return;
      if (name === 'Application' && parent === 'Project') {
        reading.dawVersion = [attributes.name, attributes.version].filter(Boolean).join(' ').trim() || null;
      } else if (name === 'Tempo' && parent === 'Transport') {
        reading.tempo = positiveNumber(attributes.value);
      } else if (name === 'TimeSignature' && parent === 'Transport') {
        if (attributes.numerator && attributes.denominator) {
          reading.timeSignature = `${attributes.numerator}/${attributes.denominator}`;
        }
      } else if (name === 'Track' && (parent === 'Structure' || parent === 'Track')) {
        const track = newTrack(attributes.name ?? '');
        for (const type of (attributes.contentType ?? '').split(/\s+/)) if (type) track.content.add(type);
        if (parent === 'Track') openTracks[openTracks.length - 1]!.holdsTracks = true;
        tracks.push(track);
        openTracks.push(track);
      } else if (name === 'Channel') {
        let owner: TrackState | null = null;
        if (parent === 'Track') owner = openTracks[openTracks.length - 1] ?? null;
        else if (parent === 'Structure') {
          owner = newTrack(attributes.name ?? '');
          tracks.push(owner);
        }
        if (owner && attributes.role) owner.role = attributes.role;
        openChannels.push(owner);
      } else if (parent === 'Devices' && DEVICE_FORMATS[name]) {
        const deviceName = (attributes.deviceName || attributes.name || '').trim();
        if (deviceName)
          plugins.add(deviceName, attributes.deviceVendor?.trim() || null, DEVICE_FORMATS[name]);
        const owner = openChannels[openChannels.length - 1];
        if (owner && attributes.deviceRole === 'instrument') owner.hasInstrument = true;
      } else if (name === 'File' && parent === 'Audio' && attributes.path) {
        samples.add(attributes.path, attributes.external === 'true');
      }
      elements.push(name);
    },
    close(name) {
      if (root !== 'Project') return;
      elements.pop();
      if (name === 'Track' && (elements.at(-1) === 'Structure' || elements.at(-1) === 'Track'))
        openTracks.pop();
      else if (name === 'Channel') openChannels.pop();
    },
  });
  if (root !== 'Project') throw new Error(`not a DAWproject (${PROJECT_XML} has no <Project> root)`);
  return finish(reading, tracks, plugins, samples);
}

function readVersion01(zip: ZipEntries): ProjectReading {
  let project: Json | null;
  try {
    project = object(JSON.parse(zipEntryText(zip, PROJECT_JSON)!));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`${PROJECT_JSON} is not readable JSON (${reason})`, { cause: error });
  }
  if (!project) throw new Error(`${PROJECT_JSON} does not hold a project`);
  const reading = emptyReading();
  const application = object(project.application);
  if (application) {
    reading.dawVersion =
      [text(application.name), text(application.version)].filter(Boolean).join(' ') || null;
  }
  const transport = object(project.transport);
  reading.tempo = positiveNumber(transport?.tempo);
  const signature = object(transport?.signature);
  const numerator = positiveNumber(signature?.numerator);
  const denominator = positiveNumber(signature?.denominator);
  if (numerator && denominator) reading.timeSignature = `${numerator}/${denominator}`;

  const channels = list(project.channels).map(object);
  const devices = list(project.devices).map(object);
  const plugins = new PluginTally();
  for (const device of devices) {
    const plugin = device && pluginOf01(device);
    if (plugin) plugins.add(plugin.name, plugin.vendor, plugin.format);
  }

  // Which channels other channels feed: by their output (a bus or the master) or by a send (an effect).
  const outputTargets = new Set<number>();
  const sendTargets = new Set<number>();
  for (const channel of channels) {
    const output = reference(channel?.output, 'channels');
    if (output !== null) outputTargets.add(output);
    for (const send of list(channel?.sends)) {
      const target = reference(object(send)?.output, 'channels');
      if (target !== null) sendTargets.add(target);
    }
  }

  const contentByTrack = trackContents01(project);
  const tracks = list(project.tracks).map((value, index) => {
    const track = object(value);
    const state = newTrack(text(object(track?.meta)?.title) ?? '');
    for (const kind of contentByTrack.get(index) ?? []) state.content.add(kind);
    const channelIndex = reference(track?.output, 'channels');
    const channel = channelIndex === null ? null : channels[channelIndex];
    if (channelIndex !== null && channel) {
      state.role =
        text(channel.role) ??
        (sendTargets.has(channelIndex)
          ? 'effect'
          : outputTargets.has(channelIndex)
            ? reference(channel.output, 'channels') === null
              ? 'master'
              : 'submix'
            : null);
      state.hasInstrument = list(channel.devices).some((ref) => {
        const deviceIndex = reference(ref, 'devices');
        const device = deviceIndex === null ? object(ref) : devices[deviceIndex];
        return text(device?.deviceType) === 'instrument' || text(device?.deviceRole) === 'instrument';
      });
    }
    return state;
  });

  const samples = new SampleTally(zip);
  for (const timeline of list(project.audioTimelines)) {
    const audio = object(timeline);
    const path = text(audio?.audioFile);
    if (path) samples.add(path, audio?.external === true);
  }
  return finish(reading, tracks, plugins, samples);
}

/** Each track's content kinds, following its timelines through nested clip timelines. */
function trackContents01(project: Json): Map<number, Set<string>> {
  const clipTimelines = list(project.clipTimelines).map(object);
  const contents = new Map<number, Set<string>>();
  for (const value of list(project.trackTimelines)) {
    const entry = object(value);
    const track = reference(entry?.track, 'tracks');
    if (track === null) continue;
    const kinds = contents.get(track) ?? new Set<string>();
    contents.set(track, kinds);
    const pending = [entry?.timeline];
    const seen = new Set<number>();
    while (pending.length > 0) {
      const timeline = object(pending.pop());
      const location = text(timeline?.location);
      const index = typeof timeline?.index === 'number' ? timeline.index : null;
      if (location === 'noteTimelines') kinds.add('notes');
      else if (location === 'audioTimelines') kinds.add('audio');
      else if (location === 'clipTimelines' && index !== null && !seen.has(index)) {
        seen.add(index);
        for (const clip of list(clipTimelines[index]?.clips)) pending.push(object(clip)?.content);
      }
    }
  }
  return contents;
}

/**
 * A 0.1 device. Its plug-in format is told by its saved state's file type (`.fxp`/`.fxb` VST 2,
 * `.vstpreset` VST 3, `.aupreset` AU, `.clap-preset` CLAP); a device without a state file is the
 * host's own. A state file of another type names no format SessionDock can tell, so it is left out.
 */
function pluginOf01(device: Json): { name: string; vendor: string | null; format: PluginFormat } | null {
  const name = (text(device.deviceName) ?? text(object(device.meta)?.title) ?? '').trim();
  if (name === '') return null;
  const state = text(device.stateFile)?.toLowerCase() ?? '';
  const extension = /\.([a-z0-9-]+)$/.exec(state)?.[1] ?? '';
  const format: PluginFormat | null =
    state === ''
      ? 'built-in'
      : extension === 'fxp' || extension === 'fxb'
        ? 'VST'
        : extension === 'vstpreset'
          ? 'VST3'
          : extension === 'aupreset'
            ? 'AU'
            : extension === 'clap-preset' || extension === 'clappreset'
              ? 'CLAP'
              : null;
  return format ? { name, vendor: text(device.deviceVendor)?.trim() || null, format } : null;
}

function emptyReading(): ProjectReading {
  return {
    dawVersion: null,
    tempo: null,
    timeSignature: null,
    key: null,
    sampleRate: null,
    trackCount: 0,
    tracks: [],
    plugins: [],
    samplePaths: [],
    embeddedSamples: [],
    savedAt: null,
  };
}

function finish(
  reading: ProjectReading,
  tracks: TrackState[],
  plugins: PluginTally,
  samples: SampleTally,
): ProjectReading {
  const typed: ProjectTrack[] = tracks.map((track) => ({ name: track.name, type: typeOf(track) }));
  return {
    ...reading,
    trackCount: typed.length,
    tracks: typed,
    plugins: plugins.list(),
    samplePaths: [...samples.samplePaths],
    embeddedSamples: [...samples.embeddedSamples],
  };
}

type Json = Record<string, unknown>;

function object(value: unknown): Json | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : null;
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** `{ "location": "channels", "index": 2 }` → 2, when it points into the expected list. */
function reference(value: unknown, location: string): number | null {
  const ref = object(value);
  return ref && ref.location === location && Number.isInteger(ref.index) && (ref.index as number) >= 0
    ? (ref.index as number)
    : null;
}

function positiveNumber(value: unknown): number | null {
  const number =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && value.trim() !== ''
        ? Number(value)
        : NaN;
  return Number.isFinite(number) && number > 0 ? number : null;
}
