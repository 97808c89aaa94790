import type { PluginFormat } from './project-metadata';

/**
 * What FL Studio's "Fruity Wrapper" (its host for third-party plugins) stores about the plugin it
 * hosts, in the plugin data event: a u32 kind, then records of u32 id, u64 length and the value.
 * Records read (ids after PyFLP's VSTPluginEvent and DawVert's FL reader):
 *   50  plugin info: its first byte is the kind of plugin, 0/4 VST 2 effect/instrument,
 *       7/8 VST3 effect/instrument, 11/12 CLAP effect/instrument
 *   51  VST 2 four-character id (absent for VST3 and CLAP)
 *   54  name   55  path of the plugin binary   56  vendor
 */
export interface WrappedPlugin {
  name: string | null;
  vendor: string | null;
  path: string | null;
  /** Null when neither the plugin info nor the binary's extension says. */
  format: PluginFormat | null;
}

const INFO = 50;
const FOUR_CC = 51;
const NAME = 54;
const PATH = 55;
const VENDOR = 56;

const FORMAT_BY_KIND: Readonly<Record<number, PluginFormat>> = {
  0: 'VST',
  4: 'VST',
  7: 'VST3',
  8: 'VST3',
  11: 'CLAP',
  12: 'CLAP',
};

/** Reads the wrapper's records; a record cut short ends the reading, keeping what came before. */
export function readWrappedPlugin(data: Buffer): WrappedPlugin {
  const plugin: WrappedPlugin = { name: null, vendor: null, path: null, format: null };
  let kind: number | null = null;
  let hasFourCc = false;
  let at = 4;
  while (at + 12 <= data.length) {
    const id = data.readUInt32LE(at);
    const lengthHigh = data.readUInt32LE(at + 8);
    const length = data.readUInt32LE(at + 4);
    at += 12;
    if (lengthHigh !== 0 || at + length > data.length) break;
    const value = data.subarray(at, at + length);
    at += length;
    if (id === INFO && value.length >= 1) kind = value[0]!;
    else if (id === FOUR_CC) hasFourCc = true;
    else if (id === NAME) plugin.name = text(value);
    else if (id === PATH) plugin.path = text(value);
    else if (id === VENDOR) plugin.vendor = text(value);
  }
  plugin.format =
    (kind !== null ? FORMAT_BY_KIND[kind] : undefined) ??
    formatOfBinary(plugin.path) ??
    (hasFourCc ? 'VST' : null);
  return plugin;
}

/** The format a plugin binary's extension tells: `.vst3`, `.clap`, `.component` (AU), `.dll`/`.vst`. */
function formatOfBinary(path: string | null): PluginFormat | null {
  const extension = /\.([a-z0-9]+)[\\/]*$/i.exec(path ?? '')?.[1]?.toLowerCase();
  if (extension === 'vst3') return 'VST3';
  if (extension === 'clap') return 'CLAP';
  if (extension === 'component') return 'AU';
  if (extension === 'dll' || extension === 'vst' || extension === 'so') return 'VST';
  return null;
}

function text(value: Buffer): string | null {
  const decoded = value.toString('utf8').replace(/\0+$/, '').trim();
  return decoded === '' ? null : decoded;
}
