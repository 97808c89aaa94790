import { DWORD, flEvents, readFlHeader, TEXT, WORD } from './fl-events';
import { readWrappedPlugin } from './fl-plugin-wrapper';
import { decodeFlAscii, decodeFlText, flUsesUnicode } from './fl-text';
import type { ProjectPlugin, ProjectTrack, TrackType } from './project-metadata';
import type { ProjectReader, ProjectReading } from './project-source';

/**
 * Reads an FL Studio project (`.flp`, see `fl-events.ts` for the container). Event ids after PyFLP:
 *   199 version ("20.8.4.2576", single-byte)   194 title   156 tempo × 1000 (older: 66 + 93/1000)
 *   17/18 time signature numerator/denominator
 *   64 a new channel; then 21 its type, 201 its plugin's internal name, 203 (older: 192) its name,
 *      196 its sample path, 213 its plugin's data
 *   98, 204, 235, 236… mixer inserts and slots; a slot's plugin is 201/203/213 again
 *
 * Choices:
 * - Tracks are the channel rack's channels (FL's playlist tracks hold clips of any channel and
 *   have no type). Type: automation clip → other, layer → group, the MIDI Out generator → midi, a
 *   channel with a plugin → instrument, FL's own Sampler → instrument (it plays its sample from
 *   notes like any generator), an audio clip (a pluginless channel of the instrument or native
 *   type, PyFLP's rule) → audio.
 * - Plugins: a generator on a channel or an effect in a mixer slot. "Fruity Wrapper" hosts a
 *   third-party plugin: its name, vendor and format come from the wrapper's data
 *   (`fl-plugin-wrapper.ts`); when the data does not say the format, VST is assumed (FL Studio's
 *   wrapper hosted VST 2 only, before VST3 and CLAP). Any other internal name is one of FL
 *   Studio's own plugins: format built-in, vendor Image-Line.
 * - Samples: each channel's sample path, as stored (`%FLStudioFactoryData%\…` placeholders kept).
 * - FL Studio records no project sample rate, key or save time (its timestamp event is the
 *   creation time), so those stay null.
 * - A stream cut short yields what was read before the cut; a bad header throws.
 */
export interface FlStudioReading extends ProjectReading {
  /** The project's title (Project info), or null when it has none. */
  title: string | null;
}

const ID = {
  timeSignatureNumerator: 17,
  timeSignatureDenominator: 18,
  channelType: 21,
  newChannel: WORD,
  tempoCoarse: WORD + 2,
  tempoFine: WORD + 29,
  slotIndex: WORD + 34,
  tempo: DWORD + 28,
  channelName: TEXT,
  title: TEXT + 2,
  samplePath: TEXT + 4,
  version: TEXT + 7,
  pluginInternalName: TEXT + 9,
  pluginName: TEXT + 11,
  pluginData: 208 + 5,
} as const;

/** Mixer events (inserts, slots): after one, plugin events belong to a mixer slot. */
const MIXER_EVENTS = new Set([
  WORD + 31,
  WORD + 34,
  DWORD + 19,
  DWORD + 21,
  DWORD + 26,
  TEXT + 12,
  208 + 27,
  208 + 28,
]);

const CHANNEL_TYPE = { sampler: 0, native: 2, layer: 3, instrument: 4, automation: 5 } as const;
const WRAPPER = 'Fruity Wrapper';

interface PluginInstance {
  internalName: string;
  displayName: string | null;
  data: Buffer | null;
}

interface Channel {
  type: number | null;
  internalName: string;
  name: string | null;
  plugin: PluginInstance | null;
}

export const readFlStudioProject: ProjectReader = (source) => parseFlStudioProject(source.bytes());

export function parseFlStudioProject(bytes: Buffer): FlStudioReading {
  const { eventsStart, eventsEnd } = readFlHeader(bytes);
  let version: string | null = null;
  let unicode: boolean | null = null;
  let title: string | null = null;
  let tempo: number | null = null;
  let coarseTempo: number | null = null;
  let fineTempo: number | null = null;
  let numerator: number | null = null;
  let denominator: number | null = null;
  const channels: Channel[] = [];
  const instances: PluginInstance[] = [];
  const samples = new Set<string>();
  let channel: Channel | null = null;
  let inMixer = false;
  let slotPlugin: PluginInstance | null = null;

  for (const event of flEvents(bytes, eventsStart, eventsEnd)) {
    const { id } = event;
    if (MIXER_EVENTS.has(id)) {
      inMixer = true;
      channel = null;
      if (id === ID.slotIndex || id === TEXT + 12) slotPlugin = null;
      continue;
    }
    if (event.data === null) {
      const { value } = event;
      if (id === ID.newChannel && !inMixer) {
        channel = { type: null, internalName: '', name: null, plugin: null };
        channels.push(channel);
      } else if (id === ID.channelType && channel) channel.type = value;
      else if (id === ID.tempo && tempo === null) tempo = value / 1000;
      else if (id === ID.tempoCoarse && coarseTempo === null) coarseTempo = value;
      else if (id === ID.tempoFine && fineTempo === null) fineTempo = value;
      else if (id === ID.timeSignatureNumerator && numerator === null) numerator = value;
      else if (id === ID.timeSignatureDenominator && denominator === null) denominator = value;
      continue;
    }
    const { data } = event;
    if (id === ID.version) {
      version = decodeFlAscii(data);
      unicode = flUsesUnicode(version);
      continue;
    }
    if (id === ID.pluginData) {
      const owner = inMixer ? slotPlugin : (channel?.plugin ?? null);
      if (owner) owner.data = data;
      continue;
    }
    if (id >= 208) continue;
    const text = decodeFlText(data, unicode);
    if (id === ID.title && title === null) title = text === '' ? null : text;
    else if (id === ID.pluginInternalName) {
      const plugin = text === '' ? null : { internalName: text, displayName: null, data: null };
      if (plugin) instances.push(plugin);
      if (inMixer) slotPlugin = plugin;
      else if (channel) {
        channel.internalName = text;
        channel.plugin = plugin;
      }
    } else if (id === ID.pluginName || id === ID.channelName) {
      if (inMixer) {
        if (slotPlugin && id === ID.pluginName) slotPlugin.displayName = text;
      } else if (channel && (id === ID.pluginName || channel.name === null)) {
        channel.name = text;
        if (channel.plugin) channel.plugin.displayName = text;
      }
    } else if (id === ID.samplePath && channel && !inMixer && text !== '') samples.add(text);
  }

  const tracks = channels.map(toTrack);
  return {
    dawVersion: version ? `FL Studio ${version}` : 'FL Studio',
    title,
    tempo: plausibleTempo(tempo ?? (coarseTempo === null ? null : coarseTempo + (fineTempo ?? 0) / 1000)),
    timeSignature: signature(numerator, denominator),
    key: null,
    sampleRate: null,
    trackCount: tracks.length,
    tracks,
    plugins: countPlugins(instances),
    samplePaths: [...samples],
    savedAt: null,
  };
}

function toTrack(channel: Channel): ProjectTrack {
  return { name: channel.name || channel.internalName, type: trackType(channel) };
}

function trackType(channel: Channel): TrackType {
  if (channel.type === CHANNEL_TYPE.automation) return 'other';
  if (channel.type === CHANNEL_TYPE.layer) return 'group';
  if (channel.internalName === 'MIDI Out') return 'midi';
  if (channel.internalName !== '') return 'instrument';
  if (channel.type === CHANNEL_TYPE.sampler) return 'instrument';
  if (channel.type === CHANNEL_TYPE.instrument || channel.type === CHANNEL_TYPE.native) return 'audio';
  return 'other';
}

function countPlugins(instances: PluginInstance[]): ProjectPlugin[] {
  const plugins = new Map<string, ProjectPlugin>();
  for (const instance of instances) {
    const plugin = describePlugin(instance);
    const key = `${plugin.format}|${plugin.name}|${plugin.vendor ?? ''}`;
    const known = plugins.get(key);
    if (known) known.instances++;
    else plugins.set(key, plugin);
  }
  return [...plugins.values()];
}

function describePlugin(instance: PluginInstance): ProjectPlugin {
  if (instance.internalName !== WRAPPER)
    return { name: instance.internalName, vendor: 'Image-Line', format: 'built-in', instances: 1 };
  const wrapped = instance.data ? readWrappedPlugin(instance.data) : null;
  return {
    name: wrapped?.name ?? (instance.displayName || WRAPPER),
    vendor: wrapped?.vendor ?? null,
    format: wrapped?.format ?? 'VST',
    instances: 1,
  };
}

function plausibleTempo(tempo: number | null): number | null {
  return tempo !== null && tempo >= 10 && tempo <= 999 ? tempo : null;
}

function signature(numerator: number | null, denominator: number | null): string | null {
  if (numerator === null || denominator === null || numerator < 1) return null;
  if (![1, 2, 4, 8, 16, 32].includes(denominator)) return null;
  return `${numerator}/${denominator}`;
}
