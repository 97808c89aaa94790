import type { AudioFile } from './audio-file';
import { ascii } from './bytes';
import { unreadable } from './errors';
import { findMpegStream, type MpegFrameHeader } from './mpeg-header';

export type Sniffed =
  | { format: 'wav' }
  | { format: 'aiff' }
  | { format: 'flac'; offset: number }
  | { format: 'mp3'; offset: number; header: MpegFrameHeader };

/** How far into the file (after any ID3v2 tags) an MP3's first frame may start. */
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

  const start = magic.startsWith('ID3') ? await afterId3v2Tags(file) : 0;
  const window = await file.read(start, MPEG_SEARCH_BYTES + MPEG_CONFIRM_BYTES);
  if (ascii(window, 0, 4) === 'fLaC') return { format: 'flac', offset: start };
  const mpeg = findMpegStream(window, start, file.size, MPEG_SEARCH_BYTES);
  if (mpeg !== null) return { format: 'mp3', offset: mpeg.offset, header: mpeg.header };

  if (magic === 'OggS') throw unreadable('unknown_format', 'Ogg audio is not supported');
  if (ascii(head, 4, 4) === 'ftyp') throw unreadable('unknown_format', 'MP4/M4A audio is not supported');
  if (start > 0) throw unreadable('malformed', 'an ID3 tag with no MP3 frames after it');
  throw unreadable('unknown_format', 'not a WAV, AIFF, FLAC or MP3 file');
}

/** More tags in a row than this is not a tagger's doing: the search for frames starts there. */
const MAX_ID3V2_TAGS = 64;

/**
 * The position after the ID3v2 tags at the file's start. A tag may precede MP3 frames (nearly
 * always) and FLAC (rarely), and some taggers add a tag in front of the old one instead of updating
 * it, so several can follow each other (each with its own cover art, past the frame search window).
 * A tag's size is syncsafe (7 bits a byte), plus a 10-byte footer when its flags say so.
 */
async function afterId3v2Tags(file: AudioFile): Promise<number> {
  let position = 0;
  for (let tags = 0; tags < MAX_ID3V2_TAGS; tags++) {
    const header = await file.read(position, 10);
    if (header.length < 10 || ascii(header, 0, 3) !== 'ID3' || header[3] === 0xff || header[4] === 0xff)
      break;
    if ([6, 7, 8, 9].some((i) => header[i]! >= 0x80)) break; // not syncsafe: not a tag header
    const size = (header[6]! << 21) | (header[7]! << 14) | (header[8]! << 7) | header[9]!;
    const hasFooter = (header[5]! & 0x10) !== 0;
    position += 10 + size + (hasFooter ? 10 : 0);
  }
  return position;
}
