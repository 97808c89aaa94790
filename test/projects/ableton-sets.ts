// Synthetic Live sets for the .als reader's tests: the XML shapes of Live 8, 11 and 12, small.

/** `<Ableton …><LiveSet>body</LiveSet></Ableton>` with Live's XML declaration. */
export function liveSet(rootAttributes: string, body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Ableton ${rootAttributes}>\n<LiveSet>\n${body}\n</LiveSet>\n</Ableton>\n`;
}

export function trackName(userName: string, effectiveName = userName): string {
  return `<Name><EffectiveName Value="${effectiveName}" /><UserName Value="${userName}" /><Annotation Value="" /></Name>`;
}

/** A track: its name, then its device chain (devices) and clips holding sample refs. */
export function track(element: string, name: string, devices = '', clips = ''): string {
  return `<${element} Id="1">${name}<DeviceChain><MainSequencer><ClipSlotList>${clips}</ClipSlotList></MainSequencer>
<DeviceChain><Devices>${devices}</Devices></DeviceChain></DeviceChain></${element}>`;
}

/** The main track's mixer with tempo and time signature, Live 9+ style (`Manual`). */
export function mainTrack(
  element: 'MasterTrack' | 'MainTrack',
  tempo: number,
  signature: number,
  devices = '',
): string {
  return `<${element}>${trackName('', element === 'MainTrack' ? 'Main' : 'Master')}<DeviceChain>
<Mixer><Tempo><LomId Value="0" /><Manual Value="${tempo}" /><MidiControllerRange><Min Value="60" /><Max Value="200" /></MidiControllerRange></Tempo>
<TimeSignature><LomId Value="0" /><Manual Value="${signature}" /></TimeSignature></Mixer>
<DeviceChain><Devices>${devices}</Devices></DeviceChain></DeviceChain></${element}>`;
}

/** Live 10.1+ file reference. */
export function fileRef(type: number, relative: string, absolute: string): string {
  return `<FileRef><RelativePathType Value="${type}" /><RelativePath Value="${relative}" /><Path Value="${absolute}" /><Type Value="2" /><LivePackName Value="" /><LivePackId Value="" /><OriginalFileSize Value="1000" /><OriginalCrc Value="1" /></FileRef>`;
}

/** Live 8–10.0 file reference: folders as elements (`""` = parent), the name, hex data, a path hint. */
export function oldFileRef(options: {
  hasRelativePath: boolean;
  type: number;
  folders: string[];
  name: string;
  data?: string;
  pathHint?: string[];
}): string {
  const folders = options.folders.map((dir) => `<RelativePathElement Dir="${dir}" />`).join('');
  const hint = (options.pathHint ?? []).map((dir) => `<RelativePathElement Dir="${dir}" />`).join('');
  return `<FileRef><HasRelativePath Value="${options.hasRelativePath}" /><RelativePathType Value="${options.type}" />
<RelativePath>${folders}</RelativePath><Name Value="${options.name}" /><Type Value="1" />
<Data>${options.data ?? ''}</Data><RefersToFolder Value="false" />
<SearchHint><PathHint>${hint}</PathHint><FileSize Value="1000" /><Crc Value="1" /><MaxCrcSize Value="16384" /><HasExtendedInfo Value="true" /></SearchHint></FileRef>`;
}

/** An audio clip in a clip slot, its sample behind `SampleRef`; `sourceContext` is extra refs Live keeps there. */
export function audioClip(reference: string, sourceContext = ''): string {
  return `<ClipSlot><ClipSlot><Value><AudioClip Time="0"><Name Value="clip" /><SampleRef>${reference}<LastModDate Value="1600000000" /><SourceContext>${sourceContext}</SourceContext><DefaultSampleRate Value="48000" /></SampleRef></AudioClip></Value></ClipSlot></ClipSlot>`;
}

/** A preset reference a device keeps (`.adv`, `.aupreset`…): never a sample. */
export function presetRef(reference: string): string {
  return `<LastPresetRef><Value><FilePresetRef Id="0">${reference}</FilePresetRef></Value></LastPresetRef>`;
}

export function sourceContext(branchDeviceId: string, browserContentPath: string): string {
  return `<SourceContext><Value><BranchSourceContext Id="0"><OriginalFileRef /><BrowserContentPath Value="${browserContentPath}" /><PresetRef /><BranchDeviceId Value="${branchDeviceId}" /></BranchSourceContext></Value></SourceContext>`;
}

export function vst3Device(name: string, deviceType: number, context = ''): string {
  return `<PluginDevice Id="0"><On><Manual Value="true" /></On>${context}<PluginDesc><Vst3PluginInfo Id="0"><WinPosX Value="0" />
<Preset><Vst3Preset Id="1"><DeviceType Value="${deviceType}" /><Name Value="a preset name, not the plugin's" /></Vst3Preset></Preset>
<Name Value="${name}" /><Uid><Fields.0 Value="1" /></Uid><DeviceType Value="${deviceType}" /></Vst3PluginInfo></PluginDesc></PluginDevice>`;
}

export function vstDevice(plugName: string, path: string, context = ''): string {
  return `<PluginDevice Id="0">${context}<PluginDesc><VstPluginInfo Id="0"><Path Value="${path}" /><PlugName Value="${plugName}" /><UniqueId Value="1" /><Flags Value="67110148" /><Preset><VstPreset Id="2"><Name Value="preset" /></VstPreset></Preset></VstPluginInfo></PluginDesc></PluginDevice>`;
}

/** 'aumu' instruments are 1635085685, 'aufx' effects 1635083896. */
export function auDevice(name: string, manufacturer: string, componentType: number, extra = ''): string {
  return `<AuPluginDevice Id="0">${extra}<PluginDesc><AuPluginInfo Id="0"><ComponentType Value="${componentType}" /><ComponentSubType Value="1" /><ComponentManufacturer Value="1" /><Name Value="${name}" /><Manufacturer Value="${manufacturer}" /><Preset><AuPreset Id="9"><Name Value="preset" /></AuPreset></Preset></AuPluginInfo></PluginDesc></AuPluginDevice>`;
}

/** A Live device with nothing inside but a preset reference (built-ins are known by element name). */
export function builtIn(element: string, inside = ''): string {
  return `<${element} Id="0"><On><Manual Value="true" /></On>${inside}</${element}>`;
}

/** A rack: its own chain holds devices, under `Branches > …Branch > DeviceChain > … > Devices`. */
export function rack(element: string, branch: string, chain: string, devices: string): string {
  return `<${element} Id="0"><Branches><${branch} Id="0"><DeviceChain><${chain}><Devices>${devices}</Devices></${chain}></DeviceChain><MixerDevice><Speaker><Manual Value="true" /></Speaker></MixerDevice></${branch}></Branches></${element}>`;
}

/** Set-level scale, Live 11 (`RootNote`, scale name) or Live 12 (`Root`, scale index). */
export function scale(rootElement: 'RootNote' | 'Root', root: number, name: string, inKey: boolean): string {
  return `<ScaleInformation><${rootElement} Value="${root}" /><Name Value="${name}" /></ScaleInformation><InKey Value="${inKey}" />`;
}

/** Hex of UTF-16LE text, as old Windows sets store an absolute path in `Data`, in lines like Live's. */
export function utf16Hex(text: string): string {
  const hex = Buffer.from(`${text}\0`, 'utf16le').toString('hex').toUpperCase();
  return hex.replace(/(.{80})/g, '$1\n\t\t\t');
}

/**
 * One of a Live device's parameters as Live stores it: its value, then the automation,
 * modulation and MIDI-mapping details the reader never needs (most of a set's bytes).
 */
export function parameter(element: string, value: number | string): string {
  return `<${element}>
\t<LomId Value="0" />
\t<Manual Value="${value}" />
\t<MidiControllerRange>
\t\t<Min Value="0" />
\t\t<Max Value="1" />
\t</MidiControllerRange>
\t<AutomationTarget Id="5">
\t\t<LockEnvelope Value="0" />
\t</AutomationTarget>
\t<ModulationTarget Id="6">
\t\t<LockEnvelope Value="0" />
\t</ModulationTarget>
</${element}>`;
}

/** A hosted plugin's parameter list, `count` parameters, names with characters XML allows raw. */
export function parameterList(count: number): string {
  const parameters = Array.from(
    { length: count },
    (_, index) => `<PluginFloatParameter Id="${index}">
\t<LomId Value="0" />
\t<ParameterName Value="Band ${index} > gain's 'q'" />
\t<ParameterId Value="${index}" />
\t<VisualIndex Value="${index}" />
\t${parameter('ParameterValue', index / count)}
</PluginFloatParameter>`,
  );
  return `<ParameterList>\n${parameters.join('\n')}\n</ParameterList>`;
}

/** A plugin's saved state: hex lines, as Live writes an AU or VST preset's `Buffer`. */
export function pluginState(element: 'AuPreset' | 'VstPreset', bytes: number): string {
  const hex = Buffer.alloc(bytes, 0xa7).toString('hex').toUpperCase();
  return `<Preset><${element} Id="3"><OverwriteProtectionNumber Value="2561" />${parameterList(2)}<Buffer>
${hex.replace(/(.{80})/g, '$1\n\t\t\t')}
</Buffer><Name Value="a preset name, not the plugin's" /></${element}></Preset>`;
}
