import type { AudioFile } from './audio-file';
import { ascii } from './bytes';
import { unreadable } from './errors';
import { findMpegStream, type MpegFrameHeader } from './mpeg-header';

export type Sniffed =
  | { format: 'wav' }
  | { format: 'aiff' }
  | { format: 'flac'; offset: number }
  | { format: 'mp3'; offset: number; header: MpegFrameHeader };

/** How far into the file (after any ID3v2 tag) an MP3's first frame may start. */
const MPEG_SEARCH_BYTES = 64 * 1024;
/** Room past the search window for the frames that confirm a match (the largest frame is 2,881 bytes). */
const MPEG_CONFIRM_BYTES = 16 * 1024;

/**
 * Decides a file's format from its bytes, never from its name: a mixdown renamed `.wav` that is
 * really an MP3 still decodes, and a text file named `.mp3` is refused as `unknown_format`.
 */
export async function sniffFormat(file: AudioFile): Promise<Sniffed> {
  const head = await file.read(0, 12);
  const magic = ascii(head, 0, 4);
  const kind = ascii(head, 8, 4);
  if (['RIFF', 'RIFX', 'RF64', 'BW64'].includes(magic) && kind === 'WAVE') return { format: 'wav' };
  if (magic === 'FORM' && (kind === 'AIFF' || kind === 'AIFC')) return { format: 'aiff' };

  // An ID3v2 tag may precede MP3 frames (always) and FLAC (rarely); its size is syncsafe (7 bits/byte).
  let start = 0;
  if (magic.startsWith('ID3') && head.length >= 10) {
    const size =
      ((head[6]! & 0x7f) << 21) | ((head[7]! & 0x7f) << 14) | ((head[8]! & 0x7f) << 7) | (head[9]! & 0x7f);
    const hasFooter = (head[5]! & 0x10) !== 0;
    start = 10 + size + (hasFooter ? 10 : 0);
  }
  const window = await file.read(start, MPEG_SEARCH_BYTES + MPEG_CONFIRM_BYTES);
  if (ascii(window, 0, 4) === 'fLaC') return { format: 'flac', offset: start };
  const mpeg = findMpegStream(window, start, file.size, MPEG_SEARCH_BYTES);
  if (mpeg !== null) return { format: 'mp3', offset: mpeg.offset, header: mpeg.header };

  if (magic === 'OggS') throw unreadable('unknown_format', 'Ogg audio is not supported');
  if (ascii(head, 4, 4) === 'ftyp') throw unreadable('unknown_format', 'MP4/M4A audio is not supported');
  if (start > 0) throw unreadable('malformed', 'an ID3 tag with no MP3 frames after it');
  throw unreadable('unknown_format', 'not a WAV, AIFF, FLAC or MP3 file');
}
