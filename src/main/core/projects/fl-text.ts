/**
 * Text in an FL Studio project. FL Studio 11.5 and later store text events as UTF-16LE, earlier
 * versions as single bytes in the Windows code page (Western European assumed). The version
 * event itself is always single-byte, so it can be read before the encoding is known.
 */
const windows1252 = new TextDecoder('windows-1252');
const utf16le = new TextDecoder('utf-16le');

/** Whether a project saved by this FL Studio version (`"20.8.4.2576"`) stores text as UTF-16. */
export function flUsesUnicode(version: string): boolean {
  const [major = 0, minor = 0] = version.split('.').map((part) => Number.parseInt(part, 10) || 0);
  return major > 11 || (major === 11 && minor >= 5);
}

/**
 * Decodes a text event, without its trailing NULs. `unicode` null means the version is not known
 * yet (no version event before this one): then text whose second byte is 0 is taken for UTF-16,
 * as a Latin letter in UTF-16LE always has one.
 */
export function decodeFlText(data: Buffer, unicode: boolean | null): string {
  const wide = unicode ?? (data.length >= 2 && data.length % 2 === 0 && data[1] === 0 && data[0] !== 0);
  return (wide ? utf16le : windows1252).decode(data).replace(/\0+$/, '');
}

/** Decodes a single-byte text event (the version), without its trailing NULs. */
export function decodeFlAscii(data: Buffer): string {
  return windows1252.decode(data).replace(/\0+$/, '');
}
