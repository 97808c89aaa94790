/**
 * MPEG audio frame headers (layers I–III, MPEG-1/2/2.5). The decoder does the decoding; we read
 * headers only to recognise an MP3 by its bytes and to learn its sample rate and channel count
 * before decoding (mpg123-decoder always hands back two channels, even for mono files).
 */

export interface MpegFrameHeader {
  version: '1' | '2' | '2.5';
  layer: 1 | 2 | 3;
  sampleRate: number;
  channels: 1 | 2;
  /** Bytes in this frame, header included. */
  frameBytes: number;
}

const BITRATES_KBPS: Readonly<Record<string, readonly number[]>> = {
  '1-1': [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
  '1-2': [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
  '1-3': [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  '2-1': [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
  '2-2': [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
};

const SAMPLE_RATES: Readonly<Record<MpegFrameHeader['version'], readonly number[]>> = {
  '1': [44100, 48000, 32000],
  '2': [22050, 24000, 16000],
  '2.5': [11025, 12000, 8000],
};

/** The header at `offset`, or null when the four bytes there are not a valid frame header. */
export function parseMpegHeader(bytes: Uint8Array, offset: number): MpegFrameHeader | null {
  if (offset + 4 > bytes.length) return null;
  const b1 = bytes[offset + 1]!;
  const b2 = bytes[offset + 2]!;
  const b3 = bytes[offset + 3]!;
  if (bytes[offset] !== 0xff || (b1 & 0xe0) !== 0xe0) return null; // 11-bit frame sync
  const versionBits = (b1 >> 3) & 3;
  const layerBits = (b1 >> 1) & 3;
  const bitrateIndex = b2 >> 4;
  const rateIndex = (b2 >> 2) & 3;
  // Reserved values; free-format bitrate (index 0) cannot be validated by frame length, so refuse it.
  if (versionBits === 1 || layerBits === 0 || bitrateIndex === 0 || bitrateIndex === 15 || rateIndex === 3)
    return null;
  if ((b3 & 3) === 2) return null; // reserved emphasis
  const version = versionBits === 3 ? '1' : versionBits === 2 ? '2' : '2.5';
  const layer = (4 - layerBits) as 1 | 2 | 3;
  const table = BITRATES_KBPS[version === '1' ? `1-${layer}` : layer === 1 ? '2-1' : '2-2']!;
  const bitrate = table[bitrateIndex]! * 1000;
  const sampleRate = SAMPLE_RATES[version][rateIndex]!;
  const padding = (b2 >> 1) & 1;
  let frameBytes: number;
  if (layer === 1) frameBytes = (Math.floor((12 * bitrate) / sampleRate) + padding) * 4;
  else if (layer === 3 && version !== '1') frameBytes = Math.floor((72 * bitrate) / sampleRate) + padding;
  else frameBytes = Math.floor((144 * bitrate) / sampleRate) + padding;
  return { version, layer, sampleRate, channels: b3 >> 6 === 3 ? 1 : 2, frameBytes };
}

/**
 * The offset of the first frame in `bytes` (which starts at file offset `base`) that begins a run of
 * `run` consecutive frames agreeing on version, layer and sample rate — or a shorter run that ends
 * exactly where the audio ends: at the end of the file or where the tags behind the audio begin (a
 * file of one or two frames). A lone 0xFFE sync in random bytes passes the header check now and
 * then; three chained frames practically never do.
 */
export function findMpegStream(
  bytes: Uint8Array,
  base: number,
  fileSize: number,
  searchBytes: number,
  run = 3,
): { offset: number; header: MpegFrameHeader } | null {
  const last = Math.min(bytes.length - 4, searchBytes);
  for (let i = 0; i <= last; i++) {
    if (bytes[i] !== 0xff) continue;
    const first = parseMpegHeader(bytes, i);
    if (first === null) continue;
    let position = i;
    let header = first;
    let chained = 1;
    for (; chained < run; chained++) {
      position += header.frameBytes;
      if (endsAudio(bytes, position, base, fileSize)) break; // the stream ends with the audio
      const next = parseMpegHeader(bytes, position);
      if (
        next === null ||
        next.version !== first.version ||
        next.layer !== first.layer ||
        next.sampleRate !== first.sampleRate
      )
        break;
      header = next;
    }
    if (chained >= run || endsAudio(bytes, position, base, fileSize))
      return { offset: base + i, header: first };
  }
  return null;
}

/**
 * True when the audio ends at `position` of `bytes` (file offset `base`): the file ends there, or a
 * tag that goes behind the audio starts there — an APEv2 header, Lyrics3, or an ID3v1 tag (the
 * file's last 128 bytes).
 */
function endsAudio(bytes: Uint8Array, position: number, base: number, fileSize: number): boolean {
  if (base + position === fileSize) return true;
  const text = (length: number): string =>
    position + length <= bytes.length
      ? String.fromCharCode(...bytes.subarray(position, position + length))
      : '';
  return (
    (text(3) === 'TAG' && base + position + 128 === fileSize) ||
    text(8) === 'APETAGEX' ||
    text(11) === 'LYRICSBEGIN'
  );
}
