import { parseMpegHeader } from '../../src/main/core/audio/mpeg-header';
import { concat } from './audio-writers';

/**
 * Splits an MP3 into its frames, dropping an ID3v2 tag and the Xing/Info (LAME) frame, whose
 * counts describe the original file only. What remains concatenates cleanly: MP3 frames are
 * self-contained apart from the bit reservoir, which never reaches across the join by more than the
 * first frame of the next copy.
 */
export function mp3AudioFrames(file: Uint8Array): Uint8Array[] {
  let position = 0;
  if (file[0] === 0x49 && file[1] === 0x44 && file[2] === 0x33) {
    position =
      10 +
      (((file[6]! & 0x7f) << 21) | ((file[7]! & 0x7f) << 14) | ((file[8]! & 0x7f) << 7) | (file[9]! & 0x7f));
  }
  const frames: Uint8Array[] = [];
  for (;;) {
    const header = parseMpegHeader(file, position);
    if (header === null || position + header.frameBytes > file.length) break;
    frames.push(file.subarray(position, position + header.frameBytes));
    position += header.frameBytes;
  }
  const first = frames[0] === undefined ? '' : String.fromCharCode(...frames[0].subarray(0, 64));
  return first.includes('Info') || first.includes('Xing') ? frames.slice(1) : frames;
}

/** `times` copies of an MP3's audio frames back to back: a long MP3 with known content. */
export function repeatMp3(file: Uint8Array, times: number): Uint8Array {
  const frames = concat(mp3AudioFrames(file));
  return concat(Array.from({ length: times }, () => frames));
}
