import { Gunzip } from 'fflate';

/**
 * Decompressed XML beyond this is not read: real sets stay far below it (a 400 KB `.als` holds
 * 7 MB of XML), a gzip bomb would not. What came before it is kept, like a file cut short.
 */
export const MAX_SET_XML_BYTES = 1024 * 1024 * 1024;

/** Input is fed in slices so a set's XML is never held whole, neither as bytes nor as one string. */
const INPUT_SLICE_BYTES = 256 * 1024;

/**
 * Feeds a Live set's XML text to `onText` piece by piece: gunzipped when the bytes start with the
 * gzip magic (1f 8b), else read as UTF-8 text (Live has saved plain XML sets, and users unzip them
 * to keep them in git). `onText` returns false to stop reading (the XML went wrong).
 *
 * Returns why the text ended early (cut-short or corrupt gzip, too large), or null when it did not.
 * Whatever was decoded before the problem has been passed on already.
 */
export function streamSetText(bytes: Uint8Array, onText: (text: string) => boolean): string | null {
  return isGzip(bytes) ? streamGzip(bytes, onText) : streamPlain(bytes, onText);
}

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

function streamGzip(bytes: Uint8Array, onText: (text: string) => boolean): string | null {
  const decoder = new TextDecoder('utf-8');
  let produced = 0;
  let stopped = false;
  let tooLarge = false;
  const gunzip = new Gunzip((chunk, final) => {
    if (stopped) return;
    produced += chunk.length;
    if (produced > MAX_SET_XML_BYTES) {
      stopped = tooLarge = true;
      return;
    }
    if (!onText(decoder.decode(chunk, { stream: !final }))) stopped = true;
  });
  try {
    for (let offset = 0; offset < bytes.length && !stopped; offset += INPUT_SLICE_BYTES) {
      gunzip.push(bytes.subarray(offset, offset + INPUT_SLICE_BYTES), false);
    }
    if (!stopped) gunzip.push(new Uint8Array(0), true);
  } catch (error) {
    return `the gzip data is cut short or corrupt (${error instanceof Error ? error.message : String(error)})`;
  }
  if (tooLarge) return `the set holds more than ${MAX_SET_XML_BYTES} bytes of XML`;
  // fflate finishes quietly when even the gzip header is incomplete.
  if (produced === 0) return 'the gzip data is cut short (nothing could be decompressed)';
  return null;
}

function streamPlain(bytes: Uint8Array, onText: (text: string) => boolean): string | null {
  const decoder = new TextDecoder('utf-8');
  for (let offset = 0; offset < bytes.length; offset += INPUT_SLICE_BYTES) {
    const end = Math.min(offset + INPUT_SLICE_BYTES, bytes.length);
    if (!onText(decoder.decode(bytes.subarray(offset, end), { stream: end < bytes.length }))) break;
  }
  return null;
}
