import { expectKey, readString, stringField } from './cubase-container';
import type { ProjectPlugin } from './project-metadata';

/**
 * The plugins of a Cubase or Nuendo project, as far as they can be read reliably.
 *
 * Cubase 4 and later (after fgimian/cubase-project-plugins, which reads the same tokens): each
 * plugin the user loaded, into an insert slot or as an instrument, is an object of class
 * `VstCtrlInternalEffect`, serialised as
 *   "Plugin isA" (string) "VstCtrlInternalEffect"
 *   "Plugin" (object)  "Plugin UID" (object) "GUID" (string) <32 hex digits>
 *                      "Plugin Name" (string) <name>   ["Original Plugin Name" (string) <name>]
 * "Original Plugin Name" is there when the user renamed the instance (Cubase 8 and later): it is
 * the plugin's own name. Each such object is one instance. The mixer's fixed parts of every
 * channel, its panner, input filter and channel-strip EQ, are stored with the same tokens but
 * without that class (or as `VstCtrlEQ`), so they are not counted: they are not plugins anyone
 * chose, and they would bury the real ones (126 panners in a 9-track project).
 * Format: a plugin ID that starts with "VST" in ASCII (565354…) is Steinberg's ID for a VST 2
 * plugin; any other is a VST3 class ID. The project stores no vendor.
 *
 * Cubase SX (before 4) stores no such objects. What it does store reliably is the VST
 * Instruments rack: each loaded slot's MIDI device path, "VST Mixer\VST Instruments\Slot 2\Embracer"
 * (SX 3) or the same path as a CONT-linked chain of strings (SX 2). Those instruments are VST 2
 * (SX hosted nothing else); insert effects of SX projects are not read.
 */
export function readCubasePlugins(bytes: Buffer): ProjectPlugin[] {
  const modern = readPluginObjects(bytes);
  if (modern.length > 0) return modern;
  return readRackInstruments(bytes);
}

const PLUGIN_CLASS_KEY = stringField('Plugin isA');
const INSERTED_PLUGIN = 'VstCtrlInternalEffect';
const STRING = 8;
const OBJECT = 2;
/** After an object's type: a u16 and a u32 (its child count) before the first child. */
const OBJECT_HEADER = 6;

function readPluginObjects(bytes: Buffer): ProjectPlugin[] {
  const plugins = new Map<string, ProjectPlugin>();
  for (
    let found = bytes.indexOf(PLUGIN_CLASS_KEY);
    found !== -1;
    found = bytes.indexOf(PLUGIN_CLASS_KEY, found + 1)
  ) {
    const plugin = readPluginObject(bytes, found);
    if (!plugin) continue;
    const known = plugins.get(plugin.uid);
    if (known) known.instances++;
    else plugins.set(plugin.uid, { name: plugin.name, vendor: null, format: plugin.format, instances: 1 });
  }
  return [...plugins.values()];
}

/** The plugin object at `at` (its "Plugin isA" key), or null when it is not a whole inserted plugin. */
function readPluginObject(
  bytes: Buffer,
  at: number,
): { uid: string; name: string; format: ProjectPlugin['format'] } | null {
  const end = bytes.length;
  const classAt = expectKey(bytes, at, end, 'Plugin isA', STRING);
  const pluginClass = classAt === null ? null : readString(bytes, classAt, end);
  if (!pluginClass || pluginClass.text !== INSERTED_PLUGIN) return null;
  const pluginAt = expectKey(bytes, pluginClass.next, end, 'Plugin', OBJECT);
  const uidAt =
    pluginAt === null ? null : expectKey(bytes, pluginAt + OBJECT_HEADER, end, 'Plugin UID', OBJECT);
  const guidAt = uidAt === null ? null : expectKey(bytes, uidAt + OBJECT_HEADER, end, 'GUID', STRING);
  const guid = guidAt === null ? null : readString(bytes, guidAt, end);
  if (!guid || !/^[0-9A-Fa-f]{32}$/.test(guid.text)) return null;
  const nameAt = expectKey(bytes, guid.next, end, 'Plugin Name', STRING);
  const name = nameAt === null ? null : readString(bytes, nameAt, end);
  if (!name) return null;
  // A name with nothing readable after it may be a renamed instance's title whose "Original
  // Plugin Name" was cut off: not reliable.
  const next = readString(bytes, name.next, end);
  if (!next) return null;
  const originalAt = expectKey(bytes, name.next, end, 'Original Plugin Name', STRING);
  const original = originalAt === null ? null : readString(bytes, originalAt, end);
  if (originalAt !== null && !original) return null;
  const pluginName = (original?.text || name.text).trim();
  if (pluginName === '') return null;
  const uid = guid.text.toUpperCase();
  return { uid, name: pluginName, format: uid.startsWith('565354') ? 'VST' : 'VST3' };
}

const RACK_PATH = Buffer.from('VST Mixer\\VST Instruments\\', 'latin1');
const RACK_CHAIN = Buffer.from('VST Instruments\0CONT', 'latin1');
const SLOT = /^Slot(?: \d+)?$/;
/** Later versions name the instrument in the path by its ID ("D39D…45-0"), not by its name. */
const ID_REFERENCE = /^[0-9A-Fa-f]{32}-\d+$/;

/** Cubase SX: the instrument in each VST Instruments rack slot, one instance per slot. */
function readRackInstruments(bytes: Buffer): ProjectPlugin[] {
  const bySlot = new Map<string, string>();
  const keep = (slot: string, name: string): void => {
    const trimmed = name.trim();
    if (SLOT.test(slot) && trimmed !== '' && !ID_REFERENCE.test(trimmed) && !bySlot.has(slot))
      bySlot.set(slot, trimmed);
  };
  for (let found = bytes.indexOf(RACK_PATH); found !== -1; found = bytes.indexOf(RACK_PATH, found + 1)) {
    const start = found + RACK_PATH.length;
    const nul = bytes.indexOf(0, start);
    const end = nul === -1 ? bytes.length : Math.min(nul, start + 512);
    const rest = bytes.toString('latin1', start, end);
    const separator = rest.indexOf('\\');
    if (separator > 0) keep(rest.slice(0, separator), rest.slice(separator + 1));
  }
  for (let found = bytes.indexOf(RACK_CHAIN); found !== -1; found = bytes.indexOf(RACK_CHAIN, found + 1)) {
    const slot = readString(bytes, found + RACK_CHAIN.length, bytes.length);
    if (!slot || bytes.toString('latin1', slot.next, slot.next + 4) !== 'CONT') continue;
    const name = readString(bytes, slot.next + 4, bytes.length);
    if (name) keep(slot.text, name.text);
  }
  const plugins = new Map<string, ProjectPlugin>();
  for (const name of bySlot.values()) {
    const known = plugins.get(name);
    if (known) known.instances++;
    else plugins.set(name, { name, vendor: null, format: 'VST', instances: 1 });
  }
  return [...plugins.values()];
}
