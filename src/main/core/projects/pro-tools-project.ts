import { type ProjectReader, UnsupportedProjectError } from './project-source';

/**
 * Pro Tools sessions (`.ptx` 10 and later, `.ptf` 7–9, `.pts` 5–6) are obfuscated: after a
 * 20-byte clear header, every byte is XORed with a key derived from the header. SessionDock does
 * not read their contents, by design (status `unsupported`), but it does check that the file is a
 * Pro Tools session at all, so that a renamed or damaged file is reported as unreadable instead.
 *
 * The clear header (after zamaudio/ptformat): byte 0 is 0x03, bytes 1–16 the ASCII bit pattern
 * "0010111100101011", byte 18 the XOR scheme, byte 19 the key seed.
 */
export const PRO_TOOLS_UNSUPPORTED =
  'Pro Tools sessions are obfuscated by Avid; SessionDock cannot read their contents (tempo, tracks, plugins)';

const SIGNATURE = Buffer.from('\x030010111100101011', 'latin1');
const CLEAR_HEADER = 20;

export function isProToolsSession(bytes: Buffer): boolean {
  return bytes.length >= CLEAR_HEADER && bytes.subarray(0, SIGNATURE.length).equals(SIGNATURE);
}

/** Always throws: `UnsupportedProjectError` for a Pro Tools session, an Error for anything else. */
export const readProToolsProject: ProjectReader = (source) => {
  if (!isProToolsSession(source.bytes())) throw new Error('not a Pro Tools session (no Pro Tools header)');
  throw new UnsupportedProjectError(PRO_TOOLS_UNSUPPORTED);
};
