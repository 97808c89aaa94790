import { gunzipSync } from 'node:zlib';
import { Gunzip } from 'fflate';

/**
 * Decompressed XML beyond this is not read: real sets stay far below it (a 400 KB `.als` holds
 * 7 MB of XML), a gzip bomb would not. What came before it is kept, like a file cut short.
 */
export const MAX_SET_XML_BYTES = 1024 * 1024 * 1024;

/**
 * A set whose XML fits in this is decompressed at once by Node's zlib (native, several times
 * faster than a decompressor in JavaScript); a larger one is streamed, so memory stays bounded.
 */
export const WHOLE_SET_XML_BYTES = 32 * 1024 * 1024;

/** Compressed input is fed to the streaming decompressor in slices. */
const INPUT_SLICE_BYTES = 256 * 1024;

/**
 * Feeds a Live set's XML bytes to `onBytes` piece by piece (pieces may be large; they end
 * anywhere, even inside a UTF-8 character): gunzipped when the bytes start with the gzip magic
 * (1f 8b), else the bytes themselves (Live has saved plain XML sets, and users unzip them to keep
 * them in git). `onBytes` returns false to stop reading (the XML went wrong).
 *
 * Returns why the XML ended early (cut-short or corrupt gzip, too large), or null when it did not.
 * Whatever was decompressed before the problem has been passed on already.
 */
export function streamSetXml(bytes: Uint8Array, onBytes: (xml: Uint8Array) => boolean): string | null {
  if (!isGzip(bytes)) {
    onBytes(bytes);
    return null;
  }
  const whole = gunzipWhole(bytes);
  if (whole === null) return streamGzip(bytes, onBytes);
  onBytes(whole);
  return null;
}

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * The whole XML of a sound gzip file no larger than `WHOLE_SET_XML_BYTES`; null for any other
 * (too large, cut short, corrupt, empty), which the streaming path reads as far as it can and
 * says why it stopped.
 */
function gunzipWhole(bytes: Uint8Array): Buffer | null {
  try {
    const xml = gunzipSync(bytes, { maxOutputLength: WHOLE_SET_XML_BYTES });
    return xml.length > 0 ? xml : null;
  } catch {
    return null;
  }
}

function streamGzip(bytes: Uint8Array, onBytes: (xml: Uint8Array) => boolean): string | null {
  let produced = 0;
  let stopped = false;
  let tooLarge = false;
  const gunzip = new Gunzip((chunk) => {
    if (stopped) return;
    produced += chunk.length;
    if (produced > MAX_SET_XML_BYTES) {
      stopped = tooLarge = true;
      return;
    }
    if (!onBytes(chunk)) stopped = true;
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
