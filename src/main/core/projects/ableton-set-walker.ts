import { describeDevice, emptyDeviceFacts, type DeviceFacts } from './ableton-devices';
import { emptyFileRef, isAudioPath, storedFilePath, type FileRefFields } from './ableton-file-ref';
import { liveKey, liveTimeSignature } from './ableton-music';
import type { ProjectPlugin, ProjectTrack, TrackType } from './project-metadata';
import type { ProjectReading } from './project-source';

/**
 * Walks a Live set's XML elements as a stream (open, text, close) and keeps what the set says:
 *
 *  - `<Ableton Creator="Ableton Live 11.0">`: the version; `<LiveSet>` must be its first child.
 *  - The main track (`MasterTrack`, Live 12 `MainTrack`): `DeviceChain > Mixer > Tempo` and
 *    `TimeSignature`, each `Manual Value`, else (Live 8) the first event of its
 *    `ArrangerAutomation`.
 *  - `LiveSet > ScaleInformation` (`RootNote`, Live 12 `Root`; `Name`) and `LiveSet > InKey`: a key
 *    only when `InKey` is true. The scale fields are always there and default to C Major, so
 *    without `InKey` (Live 11 and earlier sets, or Live 12's scale mode off) they say nothing.
 *  - `LiveSet > Tracks > AudioTrack | MidiTrack | GroupTrack | ReturnTrack`, named by their
 *    `Name > UserName` or else `EffectiveName` (what Live shows: "1-Audio"). A MIDI track holding an
 *    instrument (Simpler, a rack, an AU `aumu`, a VST3 of type 1, a `…:instr:` plugin) is
 *    `instrument`, else `midi`. The main track comes first, like REAPER's master, and counts.
 *  - Every element directly inside a `<Devices>` (racks' inner chains included) is a device:
 *    plugins and Live's own devices, counted by instance (`ableton-devices.ts`).
 *  - Every `SampleRef > FileRef` naming an audio file is a sample (`ableton-file-ref.ts`); presets
 *    (`.adv`, `.adg`, `.aupreset`) are referenced from other `FileRef`s and are not.
 *  - The preview track (`PreHearTrack`) is Live's browser pre-listen, not part of the song: skipped.
 *
 * Live sets record neither the project sample rate nor when they were saved: both stay null.
 */
export class LiveSetWalker {
  /** Set when the document is XML but not a Live set: the reader stops and says why. */
  refusal: string | null = null;
  /** `<Ableton><LiveSet>` was read: from here on a cut-short file still yields what was read. */
  headerRead = false;

  private readonly stack: string[] = [];
  private dawVersion: string | null = null;
  private tempo: number | null = null;
  private tempoFromAutomation: number | null = null;
  private signature: number | null = null;
  private signatureFromAutomation: number | null = null;
  private scaleRoot: string | null = null;
  private scaleName: string | null = null;
  private inKey = false;
  private readonly tracks: TrackState[] = [];
  private main: TrackState | null = null;
  private track: TrackState | null = null;
  /** Depth of the `PreHearTrack` being skipped, or -1. */
  private skipDepth = -1;
  /** Open devices, innermost last (a rack holds devices). */
  private readonly devices: OpenDevice[] = [];
  private readonly plugins = new Map<string, ProjectPlugin>();
  private fileRef: OpenFileRef | null = null;
  private readingData = false;
  private readonly samples = new Set<string>();

  /**
   * `wantText` switches the parser's text events on and off: only an old-style `FileRef`'s `Data`
   * needs text, and a set's text is mostly plugin state in hex, costly to hand over for nothing.
   */
  constructor(private readonly wantText: (wanted: boolean) => void) {}

  open(name: string, attributes: Record<string, string>): void {
    const depth = this.stack.length;
    const parent = this.stack[depth - 1];
    this.stack.push(name);
    if (this.refusal !== null) return;
    if (depth <= 1) {
      this.openHeader(depth, name, attributes);
      return;
    }
    if (!this.headerRead || this.skipDepth !== -1) return;
    const value = attributes.Value;

    if (depth === 2) {
      this.openLiveSetChild(name, value);
      return;
    }
    if (depth === 3) {
      if (parent === 'Tracks') this.openTrack(TRACK_TYPES[name] ?? (name.endsWith('Track') ? 'other' : null));
      else if (parent === 'ScaleInformation') {
        if (name === 'RootNote' || name === 'Root') this.scaleRoot = value ?? null;
        else if (name === 'Name') this.scaleName = value ?? null;
      }
    }

    const track = this.track;
    if (track !== null) {
      const inTrack = depth - track.depth;
      if (inTrack === 2 && parent === 'Name' && this.stack[track.depth + 1] === 'Name') {
        if (name === 'UserName') track.userName = value ?? null;
        else if (name === 'EffectiveName') track.effectiveName = value ?? null;
      }
      if (track === this.main) this.readMainTrackValue(name, depth, value);
    }

    if (parent === 'Devices') {
      this.devices.push({ depth, facts: emptyDeviceFacts(name) });
      return;
    }
    const device = this.devices[this.devices.length - 1];
    if (device !== undefined) this.readDeviceField(device, name, depth, parent, attributes);

    if (this.fileRef !== null) this.readFileRefField(this.fileRef, name, depth, parent, attributes);
    else if (name === 'FileRef' && parent === 'SampleRef') this.fileRef = { depth, fields: emptyFileRef() };
  }

  text(text: string): void {
    if (this.readingData && this.fileRef !== null) this.fileRef.fields.data += text;
  }

  close(name: string): void {
    this.stack.pop();
    const depth = this.stack.length;
    if (this.skipDepth === depth) {
      this.skipDepth = -1;
      return;
    }
    if (this.readingData && name === 'Data') {
      this.readingData = false;
      this.wantText(false);
    }
    if (this.fileRef?.depth === depth) {
      const path = storedFilePath(this.fileRef.fields);
      if (path !== null && isAudioPath(path)) this.samples.add(path);
      this.fileRef = null;
    }
    const device = this.devices[this.devices.length - 1];
    if (device?.depth === depth && device.facts.element === name) {
      this.devices.pop();
      this.countDevice(device.facts);
    }
    if (this.track?.depth === depth) this.track = null;
  }

  /** What was read, as a reader returns it: also what was read before a cut. */
  reading(): ProjectReading {
    const tracks = (this.main ? [this.main, ...this.tracks] : this.tracks).map(toTrack);
    const tempo = this.tempo ?? this.tempoFromAutomation;
    const signature = this.signature ?? this.signatureFromAutomation;
    return {
      dawVersion: this.dawVersion,
      tempo,
      timeSignature: signature === null ? null : liveTimeSignature(signature),
      key: this.inKey && this.scaleRoot !== null ? liveKey(this.scaleRoot, this.scaleName) : null,
      sampleRate: null,
      trackCount: tracks.length,
      tracks,
      plugins: [...this.plugins.values()].map((plugin) => ({ ...plugin })),
      samplePaths: [...this.samples],
      savedAt: null,
    };
  }

  private openHeader(depth: number, name: string, attributes: Record<string, string>): void {
    if (depth === 0) {
      if (name !== 'Ableton') this.refusal = `the document is <${name}>, not <Ableton>`;
      else this.dawVersion = creatorOf(attributes);
    } else if (name === 'LiveSet') this.headerRead = true;
    else if (!this.headerRead) {
      // Presets (.adg, .adv) and clips (.alc) are Ableton documents too.
      this.refusal = `the Ableton document holds <${name}> (a preset or clip), not a <LiveSet>`;
    }
  }

  private openLiveSetChild(name: string, value: string | undefined): void {
    if (name === 'MasterTrack' || name === 'MainTrack') {
      this.main = this.openTrack('master');
    } else if (name === 'PreHearTrack') {
      this.skipDepth = 2;
    } else if (name === 'InKey') {
      this.inKey = value === 'true';
    }
  }

  private openTrack(type: TrackType | null): TrackState | null {
    if (type === null) return null;
    const track: TrackState = {
      type,
      depth: this.stack.length - 1,
      userName: null,
      effectiveName: null,
      instrument: false,
    };
    if (type !== 'master') this.tracks.push(track);
    this.track = track;
    return track;
  }

  /** Tempo and signature: `Mixer > Tempo > Manual`, or Live 8's `ArrangerAutomation > Events`. */
  private readMainTrackValue(name: string, depth: number, value: string | undefined): void {
    if (value === undefined) return;
    const stack = this.stack;
    const parameterAt = name === 'Manual' ? depth - 1 : depth - 3;
    const parameter = stack[parameterAt];
    if ((parameter !== 'Tempo' && parameter !== 'TimeSignature') || stack[parameterAt - 1] !== 'Mixer')
      return;
    const number = Number(value);
    if (!Number.isFinite(number)) return;
    if (name === 'Manual') {
      if (parameter === 'Tempo' && this.tempo === null && number > 0) this.tempo = number;
      else if (parameter === 'TimeSignature' && this.signature === null) this.signature = number;
    } else if (stack[depth - 1] === 'Events' && stack[depth - 2] === 'ArrangerAutomation') {
      if (name === 'FloatEvent' && parameter === 'Tempo' && this.tempoFromAutomation === null && number > 0) {
        this.tempoFromAutomation = number;
      } else if (
        name === 'EnumEvent' &&
        parameter === 'TimeSignature' &&
        this.signatureFromAutomation === null
      ) {
        this.signatureFromAutomation = number;
      }
    }
  }

  private readDeviceField(
    device: OpenDevice,
    name: string,
    depth: number,
    parent: string | undefined,
    attributes: Record<string, string>,
  ): void {
    const facts = device.facts;
    const inDevice = depth - device.depth;
    const value = attributes.Value;
    if (inDevice === 2 && parent === 'PluginDesc') {
      facts.pluginFormat = PLUGIN_INFOS[name] ?? facts.pluginFormat;
    } else if (inDevice === 3 && this.stack[device.depth + 1] === 'PluginDesc' && value !== undefined) {
      if (name === 'PlugName' || name === 'Name') facts.pluginName = value;
      else if (name === 'Manufacturer') facts.manufacturer = value;
      else if (name === 'Path') facts.pluginPath = value;
      else if (name === 'DeviceType') facts.vst3DeviceType = value;
      else if (name === 'ComponentType') facts.auComponentType = value;
    } else if (
      inDevice === 4 &&
      parent === 'BranchSourceContext' &&
      this.stack[device.depth + 1] === 'SourceContext'
    ) {
      if (name === 'BranchDeviceId') facts.branchDeviceId = value ?? null;
      else if (name === 'BrowserContentPath') facts.browserContentPath = value ?? null;
    } else if (
      facts.maxPatch === null &&
      parent === 'FileRef' &&
      value !== undefined &&
      /\.amxd$/i.test(value) &&
      facts.element.startsWith('MxDevice')
    ) {
      facts.maxPatch = value.split(/[\\/]/).pop() ?? null;
    }
  }

  private readFileRefField(
    ref: OpenFileRef,
    name: string,
    depth: number,
    parent: string | undefined,
    attributes: Record<string, string>,
  ): void {
    const fields = ref.fields;
    const value = attributes.Value;
    const inRef = depth - ref.depth;
    if (inRef === 1) {
      switch (name) {
        case 'RelativePathType':
          fields.relativePathType = value !== undefined && /^\d+$/.test(value) ? Number(value) : null;
          break;
        case 'HasRelativePath':
          fields.hasRelativePath = value === 'true';
          break;
        case 'RelativePath':
          if (value !== undefined) fields.relativePath = value;
          else fields.relativeElements = [];
          break;
        case 'Path':
          fields.path = value ?? null;
          break;
        case 'Name':
          fields.name = value ?? null;
          break;
        case 'Data':
          this.readingData = true;
          this.wantText(true);
          break;
      }
    } else if (name === 'RelativePathElement') {
      const dir = attributes.Dir ?? '';
      if (inRef === 2 && parent === 'RelativePath') fields.relativeElements?.push(dir);
      else if (inRef === 3 && parent === 'PathHint' && this.stack[ref.depth + 1] === 'SearchHint') {
        (fields.pathHint ??= []).push(dir);
      }
    }
  }

  private countDevice(facts: DeviceFacts): void {
    const described = describeDevice(facts);
    if (described === null) return;
    const { plugin, instrument } = described;
    // VST and VST3 infos store no vendor (it comes from the browser path when it does): one plugin
    // by name, the vendor filled in by whichever instance tells it. AUs always name their vendor.
    const vendorPart = plugin.format === 'AU' || plugin.format === 'built-in' ? (plugin.vendor ?? '') : '';
    const key = `${plugin.format}\u0000${plugin.name}\u0000${vendorPart}`;
    const known = this.plugins.get(key);
    if (!known) this.plugins.set(key, plugin);
    else {
      known.instances++;
      known.vendor ??= plugin.vendor;
    }
    if (instrument && this.track !== null) this.track.instrument = true;
  }
}

interface TrackState {
  type: TrackType;
  depth: number;
  userName: string | null;
  effectiveName: string | null;
  instrument: boolean;
}

interface OpenDevice {
  depth: number;
  facts: DeviceFacts;
}

interface OpenFileRef {
  depth: number;
  fields: FileRefFields;
}

const TRACK_TYPES: Record<string, TrackType> = {
  AudioTrack: 'audio',
  MidiTrack: 'midi',
  GroupTrack: 'group',
  ReturnTrack: 'return',
};

const PLUGIN_INFOS: Record<string, 'VST' | 'VST3' | 'AU'> = {
  VstPluginInfo: 'VST',
  Vst3PluginInfo: 'VST3',
  AuPluginInfo: 'AU',
};

function toTrack(track: TrackState): ProjectTrack {
  const name = track.userName?.trim() ? track.userName : (track.effectiveName ?? '');
  const type = track.type === 'midi' && track.instrument ? 'instrument' : track.type;
  return { name, type };
}

/** The saving application as the file says it; `MinorVersion="11.0_433"` when `Creator` is missing. */
function creatorOf(attributes: Record<string, string>): string {
  const creator = attributes.Creator?.trim();
  if (creator) return creator;
  const version = /^(\d+(?:\.\d+)?)/.exec(attributes.MinorVersion ?? '');
  return version ? `Ableton Live ${version[1]}` : 'Ableton Live';
}
