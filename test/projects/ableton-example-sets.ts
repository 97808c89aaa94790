// The synthetic Live sets the .als reader's tests read: the shapes of Live 8, 11 and 12, one big
// enough to span many deflate blocks, and one holding the bulk real sets carry (plugin parameter
// lists and state, automation, clip contents) with traps for a reader that skips it.
import { gzipSync, strToU8 } from 'fflate';
import {
  audioClip,
  auDevice,
  builtIn,
  fileRef,
  liveSet,
  mainTrack,
  oldFileRef,
  parameter,
  parameterList,
  pluginState,
  presetRef,
  rack,
  scale,
  sourceContext,
  track,
  trackName,
  utf16Hex,
  vst3Device,
  vstDevice,
} from './ableton-sets';

const AU_EFFECT = 1635083896;
const AU_INSTRUMENT = 1635085685;
const PROJECT = '/Users/me/Music/Song Project';

const KICK = fileRef(3, 'Samples/Imported/kick 01.wav', `${PROJECT}/Samples/Imported/kick 01.wav`);

export function live11Set(inKey: boolean): string {
  return liveSet(
    'MajorVersion="5" MinorVersion="11.0_433" Creator="Ableton Live 11.3.4" Revision="0"',
    `<Tracks>
${track('GroupTrack', trackName('Drums'), builtIn('GlueCompressor'))}
${track(
  'AudioTrack',
  trackName('Kick'),
  builtIn('Compressor2') +
    builtIn(
      'MxDeviceAudioEffect',
      `<PatchSlot><Value><MxPatchRef Id="0">${fileRef(6, 'Presets/LFO.amxd', '/Users/me/Library/LFO.amxd')}</MxPatchRef></Value></PatchSlot>`,
    ) +
    builtIn(
      'Eq8',
      presetRef(fileRef(6, 'Presets/Audio Effects/EQ Eight/Kick.adv', '/Users/me/Library/Kick.adv')),
    ),
  audioClip(KICK) +
    audioClip(KICK) +
    audioClip(fileRef(3, 'Samples/Imported/intro.mov', `${PROJECT}/Samples/Imported/intro.mov`)),
)}
${track(
  'AudioTrack',
  trackName('', '3-Audio'),
  auDevice('Doubler2 (s)', 'Waves', AU_EFFECT) + auDevice('Doubler2 (m)', 'Waves', AU_EFFECT),
  audioClip(
    fileRef(1, '../../../Splice/sounds/loop 120.aif', '/Users/me/Splice/sounds/loop 120.aif'),
    `<OriginalFileRef>${fileRef(1, '../../orig.wav', '/Users/me/orig.wav')}</OriginalFileRef>`,
  ) + audioClip(fileRef(1, 'Samples/Recorded/take 1.wav', `${PROJECT}/Samples/Recorded/take 1.wav`)),
)}
${track(
  'MidiTrack',
  trackName('Keys'),
  vst3Device('Pro-Q 3', 2) +
    rack(
      'InstrumentGroupDevice',
      'InstrumentBranch',
      'MidiToAudioDeviceChain',
      builtIn(
        'OriginalSimpler',
        `<Player><MultiSampleMap><SampleParts><MultiSamplePart><SampleRef>${fileRef(
          6,
          'Samples/Rhodes C3.aif',
          '/Users/me/Music/Ableton/User Library/Samples/Rhodes C3.aif',
        )}</SampleRef></MultiSamplePart></SampleParts></MultiSampleMap></Player>`,
      ) + auDevice('Diva', 'u-he', AU_INSTRUMENT),
    ),
)}
${track('MidiTrack', trackName('Arp'), builtIn('MidiArpeggiator') + builtIn('MxDeviceMidiEffect') + vstDevice('TAL-Dub', '/Library/Audio/Plug-Ins/VST/TAL-Dub.vst'))}
${track(
  'MidiTrack',
  trackName('Lead'),
  vstDevice(
    '',
    'C:/Program Files/VSTPlugins/Massive.dll',
    sourceContext('device:vst:instr:1315513406?n=Massive', 'query:Plugins#VST:Local:Massive'),
  ),
)}
${track('MidiTrack', trackName('Bass'), vst3Device('Serum 2', 1, sourceContext('', 'query:Plugins#VST3:Xfer%20Records:Serum%202')))}
${track('ReturnTrack', trackName('A-Reverb'), builtIn('Reverb') + vst3Device('ValhallaRoom', 2, sourceContext('', 'query:Find#Valhalla')))}
</Tracks>
${mainTrack(
  'MasterTrack',
  126.5,
  302,
  builtIn('Limiter') + vst3Device('Pro-Q 3', 2, sourceContext('', 'query:Plugins#VST3:FabFilter:Pro-Q%203')),
)}
<PreHearTrack>${trackName('', 'Master')}<DeviceChain><MainSequencer><ClipSlotList>${audioClip(
      fileRef(2, 'Samples/preview.wav', '/Library/preview.wav'),
    )}</ClipSlotList></MainSequencer><DeviceChain><Devices>${builtIn('Eq8')}</Devices></DeviceChain></DeviceChain></PreHearTrack>
${scale('RootNote', 9, 'Minor', inKey)}`,
  );
}

export const LIVE_11 = live11Set(false);

export function live12Set(scaleIndex: string, inKey: boolean): string {
  return liveSet(
    'MajorVersion="5" MinorVersion="12.0_12117" SchemaChangeCount="10" Creator="Ableton Live 12.1.5"',
    `<Tracks>
${track('MidiTrack', trackName('', '1-MIDI'), builtIn('Drift'))}
${track('AudioTrack', trackName('Vox'))}
</Tracks>
${mainTrack('MainTrack', 90, 200)}
${scale('Root', 6, scaleIndex, inKey)}`,
  );
}

/** Live 8: tempo and signature only as the first automation event; file references by folders. */
export const LIVE_8 = liveSet(
  'MajorVersion="4" MinorVersion="8.2_202" SchemaChangeCount="3" Creator="Ableton Live 8.2.2"',
  `<Tracks>
${track(
  'AudioTrack',
  trackName('', '1 Audio'),
  vstDevice('Ohmicide', '/Library/Audio/Plug-Ins/VST/Ohmicide.vst'),
  audioClip(
    oldFileRef({
      hasRelativePath: true,
      type: 3,
      folders: ['Samples', 'Recorded'],
      name: '0001 1 Audio.wav',
      pathHint: ['Users', 'me', 'Music', 'Old Project', 'Samples', 'Recorded'],
    }),
  ) +
    audioClip(
      oldFileRef({
        hasRelativePath: true,
        type: 1,
        folders: ['', '', 'Sample Library', 'Drums'],
        name: 'snare.aif',
        pathHint: ['Users', 'me', 'Sample Library', 'Drums'],
      }),
    ) +
    audioClip(
      oldFileRef({
        hasRelativePath: false,
        type: 0,
        folders: [],
        name: 'hat.wav',
        data: utf16Hex('C:\\Samples\\hat.wav'),
        pathHint: ['C:', 'Old Samples'],
      }),
    ) +
    audioClip(
      oldFileRef({
        hasRelativePath: false,
        type: 0,
        folders: [],
        name: 'ride.wav',
        pathHint: ['D:', 'Loops'],
      }),
    ),
)}
</Tracks>
<MasterTrack>${trackName('', 'Master')}<DeviceChain><Mixer>
<Tempo><LomId Value="0" /><ArrangerAutomation><Events><FloatEvent Time="-63072000" Value="98" /><FloatEvent Time="16" Value="140" /></Events></ArrangerAutomation></Tempo>
<TimeSignature><LomId Value="0" /><ArrangerAutomation><Events><EnumEvent Time="-63072000" Value="200" /></Events></ArrangerAutomation></TimeSignature>
</Mixer><DeviceChain><Devices /></DeviceChain></DeviceChain></MasterTrack>`,
);

export const gz = (xml: string): Buffer => Buffer.from(gzipSync(strToU8(xml)));

/** A set big enough to span many deflate blocks: the Live 11 set with 300 more tracks. */
export const BIG_SET = LIVE_11.replace(
  '</Tracks>',
  `${Array.from({ length: 300 }, (_, index) =>
    track(
      'AudioTrack',
      trackName(`Pad ${index}`),
      auDevice(`Synth ${index % 7}`, 'Vendor', AU_EFFECT),
      audioClip(
        fileRef(3, `Samples/Imported/pad ${index}.wav`, `${PROJECT}/Samples/Imported/pad ${index}.wav`),
      ),
    ),
  ).join('\n')}</Tracks>`,
);

/** A hosted VST with what Live keeps of it: parameter list, parameters, saved state. */
function heavyVst(name: string): string {
  return `<PluginDevice Id="0">${parameter('On', 'true')}${parameterList(40)}<PluginDesc><VstPluginInfo Id="0">
<Path Value="/Library/Audio/Plug-Ins/VST/${name}.vst" /><PlugName Value="${name}" />${pluginState('VstPreset', 800)}
</VstPluginInfo></PluginDesc></PluginDevice>`;
}

/** An audio clip with the contents Live keeps besides its sample. */
function heavyAudioClip(reference: string): string {
  return `<ClipSlot><ClipSlot><Value><AudioClip Time="0"><LomId Value="0" /><Name Value="clip" />
<Loop><LoopStart Value="0" /><LoopEnd Value="16" /></Loop>
<Envelopes><Envelopes><ClipEnvelope Id="0"><Automation><Events><FloatEvent Time="0" Value="1" /><FloatEvent Time="4" Value="0.5" /></Events></Automation></ClipEnvelope></Envelopes></Envelopes>
<WarpMarkers><WarpMarker Id="0" SecTime="0" BeatTime="0" /><WarpMarker Id="1" SecTime="2" BeatTime="4" /></WarpMarkers>
<Fades><FadeInLength Value="0" /></Fades><FollowAction><FollowTime Value="4" /></FollowAction><Grid><FixedNumerator Value="1" /></Grid>
<SampleRef>${reference}<LastModDate Value="1600000000" /></SampleRef></AudioClip></Value></ClipSlot></ClipSlot>`;
}

/** A track as Live 11 writes one: automation, routings, mixer, clips, MIDI mappings, devices. */
function heavyTrack(element: string, name: string, devices: string, clips = '', extra = ''): string {
  return `<${element} Id="7">
\t<LomId Value="0" />
\t${trackName(name)}
\t<AutomationEnvelopes><Envelopes><AutomationEnvelope Id="0"><EnvelopeTarget><PointeeId Value="9" /></EnvelopeTarget><Automation><Events>
\t\t<FloatEvent Time="-63072000" Value="0.5" />
\t\t<FloatEvent Time="8" Value="0.7" />
\t</Events></Automation></AutomationEnvelope></Envelopes></AutomationEnvelopes>
\t<DeviceChain>
\t\t<AutomationLanes><AutomationLanes><AutomationLane Id="0"><SelectedDevice Value="0" /></AutomationLane></AutomationLanes></AutomationLanes>
\t\t<ClipEnvelopeChooserViewState><SelectedDevice Value="0" /></ClipEnvelopeChooserViewState>
\t\t<AudioInputRouting><Target Value="AudioIn/External/S0" /><UpperDisplayString Value="Ext. In" /></AudioInputRouting>
\t\t<MidiInputRouting><Target Value="MidiIn/External.All/-1" /></MidiInputRouting>
\t\t<AudioOutputRouting><Target Value="AudioOut/Master" /></AudioOutputRouting>
\t\t<MidiOutputRouting><Target Value="MidiOut/None" /></MidiOutputRouting>
\t\t<Mixer>${parameter('Volume', 0.8)}${parameter('Tempo', 999)}${parameter('TimeSignature', 0)}</Mixer>
\t\t<MainSequencer>
\t\t\t<ClipSlotList>${clips}</ClipSlotList>
\t\t\t<ClipTimeable><ArrangerAutomation><Events><MidiClip Time="0"><Notes><KeyTracks><KeyTrack Id="0"><Notes><MidiNoteEvent Time="0" Duration="1" Velocity="100" /></Notes><MidiKey Value="60" /></KeyTrack></KeyTracks></Notes></MidiClip></Events></ArrangerAutomation></ClipTimeable>
\t\t\t<MidiControllers><ControllerTargets.0 Id="0"><LockEnvelope Value="0" /></ControllerTargets.0></MidiControllers>
\t\t</MainSequencer>
\t\t${extra}
\t\t<DeviceChain><Devices>${devices}</Devices></DeviceChain>
\t</DeviceChain>
</${element}>`;
}

/**
 * A set holding the bulk real sets carry, and traps: parts named like unread ones in places the
 * reader reads (a `Loop` holding a sample, `Envelopes` holding devices, a device named `Manual`, a
 * `Preset` directly in a `PluginDesc`, a Max device's patch inside a `Preset`), comments and CDATA
 * holding markup, `>` in attribute values, same-name nesting.
 */
export const HEAVY_SET = liveSet(
  'MajorVersion="5" MinorVersion="11.0_433" Creator="Ableton Live 11.1"',
  `<LomId Value="0" />
<Tracks>
${heavyTrack(
  'AudioTrack',
  'Drums',
  heavyVst('Ohmicide') +
    builtIn(
      'Eq8',
      `<Bands.0><ParameterA>${parameter('Freq', 440)}${parameter('Gain', 0)}</ParameterA></Bands.0>${presetRef(fileRef(6, 'Presets/Kick.adv', '/Users/me/Library/Kick.adv'))}`,
    ) +
    `<Manual Id="0" />`,
  heavyAudioClip(fileRef(3, 'Samples/Imported/kick 01.wav', `${PROJECT}/Samples/Imported/kick 01.wav`)) +
    `<ClipSlot><ClipSlot><Value><AudioClip Time="0"><Loop><SampleRef>${fileRef(
      3,
      'Samples/Imported/in a loop.wav',
      `${PROJECT}/Samples/Imported/in a loop.wav`,
    )}</SampleRef></Loop></AudioClip></Value></ClipSlot></ClipSlot>`,
  `<Envelopes><Devices>${builtIn('Reverb')}</Devices></Envelopes>`,
)}
${heavyTrack(
  'MidiTrack',
  'Keys',
  rack(
    'InstrumentGroupDevice',
    'InstrumentBranch',
    'MidiToAudioDeviceChain',
    `<PluginDevice Id="0">${parameterList(5)}<PluginDesc><Preset><PlugName Value="Odd Plugin" /></Preset><VstPluginInfo Id="0"><Path Value="/Library/Audio/Plug-Ins/VST/Other.vst" /></VstPluginInfo></PluginDesc></PluginDevice>` +
      auDevice(
        'Diva',
        'u-he',
        AU_INSTRUMENT,
        `<ParameterList><!-- </ParameterList> <Devices> --><ParameterList><PluginFloatParameter Id="0" /></ParameterList>
<![CDATA[ </ParameterList><SampleRef> ]]><PluginEnumParameter Id="1"><ParameterName Value="a/>b" /></PluginEnumParameter></ParameterList>`,
      ),
  ) +
    `<MxDeviceAudioEffect Id="0">${parameter('On', 'true')}<Preset><FileRef><Name Value="Trap.amxd" /></FileRef></Preset></MxDeviceAudioEffect>`,
  '',
  `<Annotation><![CDATA[ <Devices><Eq8 Id="0" /></Devices> ]]></Annotation><!-- <Devices><Eq8 Id="0" /></Devices> -->`,
)}
</Tracks>
<MasterTrack>
\t<LomId Value="0" />
\t${trackName('', 'Master')}
\t<DeviceChain>
\t\t<Mixer>${parameter('Volume', 1)}${parameter('Tempo', 133)}${parameter('TimeSignature', 302)}</Mixer>
\t\t<DeviceChain><Devices>${heavyVst('Master Bus')}</Devices></DeviceChain>
\t</DeviceChain>
</MasterTrack>
<PreHearTrack>${trackName('', 'Master')}<DeviceChain><Mixer>${parameter('Tempo', 77)}</Mixer><DeviceChain><Devices>${builtIn('Eq8')}</Devices></DeviceChain></DeviceChain></PreHearTrack>
${scale('RootNote', 0, 'Major', false)}`,
);
