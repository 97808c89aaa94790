/**
 * Test-only tag writers: the tags real files carry before or after their audio (ID3v2 in front,
 * APEv2 and ID3v1 behind), for checking that decoding looks past them.
 */
import { concat } from './audio-writers';

/** An ID3v2.3 tag of `size` bytes after its 10-byte header: one TXXX frame, then zero padding. */
export function id3v2Tag(size: number, text = 'SessionDock test'): Uint8Array {
  const tag = new Uint8Array(10 + size);
  tag.set([0x49, 0x44, 0x33, 3, 0, 0]);
  for (let i = 0; i < 4; i++) tag[6 + i] = (size >> (7 * (3 - i))) & 0x7f; // syncsafe
  const body = new TextEncoder().encode(`\0${text}\0${text}`);
  tag.set(new TextEncoder().encode('TXXX'), 10);
  new DataView(tag.buffer).setUint32(14, body.length);
  tag.set(body, 20);
  return tag;
}

/** An ID3v1 tag: 'TAG' and 125 bytes, the last 128 bytes of a file. */
export function id3v1Tag(title: string): Uint8Array {
  const tag = new Uint8Array(128);
  tag.set(new TextEncoder().encode('TAG'));
  tag.set(new TextEncoder().encode(title.slice(0, 30)), 3);
  tag[127] = 0xff; // genre: none
  return tag;
}

/** An APEv2 tag (header, one binary item, footer) of about `payloadBytes`, e.g. cover art. */
export function apeTag(payloadBytes: number, seed = 7): Uint8Array {
  const key = new TextEncoder().encode('Cover Art (Front)\0');
  const payload = new Uint8Array(payloadBytes);
  let state = seed;
  for (let i = 0; i < payload.length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    payload[i] = state >>> 24; // noise: it holds 0xFF 0xF8 pairs, as a JPEG does
  }
  const item = new Uint8Array(8);
  new DataView(item.buffer).setUint32(0, payloadBytes, true);
  new DataView(item.buffer).setUint32(4, 0b10, true); // binary item
  const size = item.length + key.length + payload.length + 32;
  const block = (flags: number): Uint8Array => {
    const bytes = new Uint8Array(32);
    bytes.set(new TextEncoder().encode('APETAGEX'));
    const view = new DataView(bytes.buffer);
    view.setUint32(8, 2000, true);
    view.setUint32(12, size, true);
    view.setUint32(16, 1, true);
    view.setUint32(20, flags, true);
    return bytes;
  };
  return concat([block(0xa0000000), item, key, payload, block(0x80000000)]);
}
