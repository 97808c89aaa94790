import type { ProjectPlugin } from './project-metadata';

/**
 * What the set says about one device in a chain (any element directly inside a `<Devices>`):
 * plugins hold a `PluginDesc` with `VstPluginInfo` (VST2), `Vst3PluginInfo` or `AuPluginInfo`;
 * Live's own devices are known by their element name.
 */
export interface DeviceFacts {
  /** The device's element: `PluginDevice`, `AuPluginDevice`, `Eq8`, `MxDeviceAudioEffect`… */
  element: string;
  pluginFormat: 'VST' | 'VST3' | 'AU' | null;
  /** `PlugName` (VST2) or `Name` (VST3, AU) of the plugin info. */
  pluginName: string | null;
  /** `Manufacturer` of an AU; VST2 and VST3 infos do not store one. */
  manufacturer: string | null;
  /** `Path` of a VST2 plugin, for a name when `PlugName` is empty. */
  pluginPath: string | null;
  /** VST3 `DeviceType`: 1 instrument, 2 audio effect. */
  vst3DeviceType: string | null;
  /** AU `ComponentType` as a number: 'aumu' is an instrument. */
  auComponentType: string | null;
  /** `BranchDeviceId` of its source context: `device:vst:instr:…`, `device:au:audiofx:…`. */
  branchDeviceId: string | null;
  /** `BrowserContentPath` of its source context: `query:Plugins#VST3:Vendor:Name`. */
  browserContentPath: string | null;
  /** A Max for Live device's patch file name (`LFO.amxd`). */
  maxPatch: string | null;
}

export function emptyDeviceFacts(element: string): DeviceFacts {
  return {
    element,
    pluginFormat: null,
    pluginName: null,
    manufacturer: null,
    pluginPath: null,
    vst3DeviceType: null,
    auComponentType: null,
    branchDeviceId: null,
    browserContentPath: null,
    maxPatch: null,
  };
}

export interface DescribedDevice {
  plugin: ProjectPlugin;
  /** Makes sound from MIDI: a MIDI track holding one is an instrument track. */
  instrument: boolean;
}

/** 'aumu', the AudioUnit component type of instruments. */
const AU_INSTRUMENT = String(0x61756d75);

/**
 * The plugin entry for one device, or null for a plugin device whose description was not read
 * (the file was cut inside it). Live's own devices are format `built-in`, vendor Ableton, named as
 * Live shows them (the element name when not in the table); Max for Live devices are `built-in`
 * too, named after their patch, vendor unknown.
 */
export function describeDevice(facts: DeviceFacts): DescribedDevice | null {
  const { element } = facts;
  if (facts.pluginFormat !== null) {
    const name = pluginName(facts);
    if (name === null) return null;
    const vendor =
      facts.manufacturer?.trim() || vendorFromBrowserPath(facts.browserContentPath, facts.pluginFormat, name);
    const instrument =
      (facts.pluginFormat === 'AU' && facts.auComponentType === AU_INSTRUMENT) ||
      (facts.pluginFormat === 'VST3' && facts.vst3DeviceType === '1') ||
      (facts.branchDeviceId?.includes(':instr:') ?? false);
    return { plugin: { name, vendor, format: facts.pluginFormat, instances: 1 }, instrument };
  }
  if (PLUGIN_ELEMENTS.has(element)) return null;
  if (element.startsWith('MxDevice')) {
    const name = facts.maxPatch?.replace(/\.amxd$/i, '') || (MAX_DEVICES[element] ?? element);
    return {
      plugin: { name, vendor: null, format: 'built-in', instances: 1 },
      instrument: element === 'MxDeviceInstrument',
    };
  }
  return {
    plugin: {
      name: BUILT_IN_DEVICES[element] ?? element,
      vendor: 'Ableton',
      format: 'built-in',
      instances: 1,
    },
    instrument: BUILT_IN_INSTRUMENTS.has(element),
  };
}

const PLUGIN_ELEMENTS = new Set(['PluginDevice', 'AuPluginDevice']);

function pluginName(facts: DeviceFacts): string | null {
  let name = facts.pluginName?.trim() ?? '';
  if (name === '' && facts.pluginPath) {
    name = (facts.pluginPath.split(/[\\/]/).pop() ?? '').replace(/\.(vst|dll|so)$/i, '');
  }
  // Waves shells name one component per channel layout ("Doubler2 (s)", "(m)", "(m>s)"): one plugin.
  name = name.replace(/\s+\((?:m|s|m>s)\)$/, '').trim();
  return name === '' ? null : name;
}

/** The Browser folder of each format in a `query:Plugins#…` path. */
const BROWSER_FOLDERS: Record<'VST' | 'VST3' | 'AU', string> = {
  VST: 'VST',
  VST3: 'VST3',
  AU: 'Audio Units',
};

/**
 * Live's browser files VST3 and AU plugins by vendor, so a device dragged from it keeps
 * `query:Plugins#VST3:<vendor>:<name>`. Only that exact shape, naming this plugin, is taken;
 * VST2 folders are the user's own ("Local"), never a vendor.
 */
function vendorFromBrowserPath(
  path: string | null,
  format: 'VST' | 'VST3' | 'AU',
  name: string,
): string | null {
  if (format === 'VST' || path === null || !path.startsWith('query:Plugins#')) return null;
  const parts = path.slice('query:Plugins#'.length).split(':').map(decodePart);
  if (parts.length !== 3 || parts[0] !== BROWSER_FOLDERS[format] || parts[2] !== name) return null;
  return parts[1]?.trim() || null;
}

function decodePart(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

const MAX_DEVICES: Record<string, string> = {
  MxDeviceAudioEffect: 'Max Audio Effect',
  MxDeviceInstrument: 'Max Instrument',
  MxDeviceMidiEffect: 'Max MIDI Effect',
};

const BUILT_IN_INSTRUMENTS = new Set([
  'OriginalSimpler',
  'MultiSampler',
  'InstrumentImpulse',
  'UltraAnalog',
  'Operator',
  'Collision',
  'LoungeLizard',
  'StringStudio',
  'InstrumentVector',
  'InstrumentMeld',
  'Drift',
  'InstrumentGroupDevice',
  'DrumGroupDevice',
  'ProxyInstrumentDevice',
]);

/** Element names of Live's own devices → the names Live shows. */
const BUILT_IN_DEVICES: Record<string, string> = {
  // Instruments
  OriginalSimpler: 'Simpler',
  MultiSampler: 'Sampler',
  InstrumentImpulse: 'Impulse',
  UltraAnalog: 'Analog',
  Operator: 'Operator',
  Collision: 'Collision',
  LoungeLizard: 'Electric',
  StringStudio: 'Tension',
  InstrumentVector: 'Wavetable',
  InstrumentMeld: 'Meld',
  Drift: 'Drift',
  InstrumentGroupDevice: 'Instrument Rack',
  DrumGroupDevice: 'Drum Rack',
  ProxyInstrumentDevice: 'External Instrument',
  // Audio effects
  AudioEffectGroupDevice: 'Audio Effect Rack',
  Amp: 'Amp',
  AutoFilter: 'Auto Filter',
  AutoPan: 'Auto Pan',
  BeatRepeat: 'Beat Repeat',
  Cabinet: 'Cabinet',
  ChannelEq: 'Channel EQ',
  Chorus: 'Chorus',
  Chorus2: 'Chorus-Ensemble',
  Compressor2: 'Compressor',
  Corpus: 'Corpus',
  CrossDelay: 'Simple Delay',
  Delay: 'Delay',
  DrumBuss: 'Drum Buss',
  Echo: 'Echo',
  Eq8: 'EQ Eight',
  Erosion: 'Erosion',
  FilterDelay: 'Filter Delay',
  FilterEQ3: 'EQ Three',
  Flanger: 'Flanger',
  FrequencyShifter: 'Frequency Shifter',
  Gate: 'Gate',
  GlueCompressor: 'Glue Compressor',
  GrainDelay: 'Grain Delay',
  Hybrid: 'Hybrid Reverb',
  Limiter: 'Limiter',
  Looper: 'Looper',
  MultibandDynamics: 'Multiband Dynamics',
  Overdrive: 'Overdrive',
  Pedal: 'Pedal',
  Phaser: 'Phaser',
  PhaserNew: 'Phaser-Flanger',
  PingPongDelay: 'Ping Pong Delay',
  ProxyAudioEffectDevice: 'External Audio Effect',
  Redux: 'Redux',
  Redux2: 'Redux',
  Resonator: 'Resonators',
  Reverb: 'Reverb',
  Roar: 'Roar',
  Saturator: 'Saturator',
  Shifter: 'Shifter',
  SpectrumAnalyzer: 'Spectrum',
  StereoGain: 'Utility',
  Tube: 'Dynamic Tube',
  Tuner: 'Tuner',
  Vinyl: 'Vinyl Distortion',
  Vocoder: 'Vocoder',
  // MIDI effects
  MidiEffectGroupDevice: 'MIDI Effect Rack',
  MidiArpeggiator: 'Arpeggiator',
  MidiCcControl: 'CC Control',
  MidiChord: 'Chord',
  MidiNoteLength: 'Note Length',
  MidiPitcher: 'Pitch',
  MidiRandom: 'Random',
  MidiScale: 'Scale',
  MidiVelocity: 'Velocity',
};
