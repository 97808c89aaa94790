/**
 * Where each frame of a FLAC file lies (bytes and samples), so tests of damaged copies can say
 * exactly which frames a cut, flipped bytes or a missing stretch reach — and that every other frame
 * must still be decoded.
 */
import { followsFlacFrame, parseFlacFrameHeader } from '../../src/main/core/audio/flac-frames';

export interface FlacFrameSpan {
  /** Bytes [at, end) of the file: the frame, header to CRC-16. */
  at: number;
  end: number;
  headerBytes: number;
  /** Samples [firstSample, firstSample + samples) of the stream. */
  firstSample: number;
  samples: number;
}

/** Where 'fLaC' is: after an ID3v2 tag when there is one (some taggers put one first). */
export function flacStart(bytes: Uint8Array): number {
  if (bytes[0] !== 0x49 || bytes[1] !== 0x44 || bytes[2] !== 0x33) return 0;
  return 10 + ((bytes[6]! << 21) | (bytes[7]! << 14) | (bytes[8]! << 7) | bytes[9]!);
}

/** STREAMINFO's total sample count (0: not given). */
export function declaredSamples(bytes: Uint8Array): number {
  const s = flacStart(bytes) + 8;
  const low =
    ((bytes[s + 14]! << 24) | (bytes[s + 15]! << 16) | (bytes[s + 16]! << 8) | bytes[s + 17]!) >>> 0;
  return (bytes[s + 13]! & 0x0f) * 2 ** 32 + low;
}

/**
 * The frames of an intact FLAC file, each found as the header the previous one chains to; the last
 * one ends where the file ends (or its tags begin: `audioEnd`).
 */
export function flacFrames(bytes: Uint8Array, audioEnd = bytes.length): FlacFrameSpan[] {
  let at = flacStart(bytes) + 4;
  for (;;) {
    const last = (bytes[at]! & 0x80) !== 0;
    at += 4 + ((bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!);
    if (last) break;
  }
  const frames: FlacFrameSpan[] = [];
  let header = parseFlacFrameHeader(bytes, at, audioEnd);
  let firstSample = 0;
  const push = (end: number): void => {
    frames.push({ at, end, headerBytes: header!.headerBytes, firstSample, samples: header!.blockSize });
    firstSample += header!.blockSize;
  };
  for (let p = at + 1; header !== null && p < audioEnd; p++) {
    const next = parseFlacFrameHeader(bytes, p, audioEnd);
    if (next === null || !followsFlacFrame(header, next)) continue;
    push(p);
    [at, header] = [p, next];
  }
  if (header !== null) push(audioEnd);
  return frames;
}

/** `channels` with only the samples of `kept` frames, in order. */
export function keepFrames(
  channels: readonly Float32Array[],
  kept: readonly FlacFrameSpan[],
): Float32Array[] {
  const total = kept.reduce((sum, frame) => sum + frame.samples, 0);
  return channels.map((channel) => {
    const out = new Float32Array(total);
    let at = 0;
    for (const frame of kept) {
      out.set(channel.subarray(frame.firstSample, frame.firstSample + frame.samples), at);
      at += frame.samples;
    }
    return out;
  });
}

/** The frames none of whose bytes lie in [from, to). */
export function framesOutside(frames: readonly FlacFrameSpan[], from: number, to: number): FlacFrameSpan[] {
  return frames.filter((frame) => frame.end <= from || frame.at >= to);
}
