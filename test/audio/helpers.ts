import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, vi } from 'vitest';
import { openDecoder } from '../../src/main/core/audio';
import { roundTrip, type Pcm } from './audio-writers';

export const FIXTURES = fileURLToPath(new URL('../fixtures/audio/', import.meta.url));

/** A temp folder for generated audio; `cleanup()` in afterAll. */
export function audioTempDir(): {
  dir: string;
  write: (name: string, bytes: Uint8Array) => string;
  cleanup: () => void;
} {
  const dir = mkdtempSync(join(tmpdir(), 'sessiondock-audio-'));
  return {
    dir,
    write: (name, bytes) => {
      const path = join(dir, name);
      writeFileSync(path, bytes);
      return path;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The planar Float32 a correct decoder returns for `pcm` (quantised the way the writer quantised it). */
export function decodedSignal(pcm: Pcm): Float32Array[] {
  return pcm.channels.map((channel) => Float32Array.from(channel, (value) => roundTrip(value, pcm.format)));
}

/**
 * An independent, whole-signal reference for the bucketing rule: mono = mean of the channels; frame
 * f of T goes to bucket floor(f · points / T); min/max clamped to [-1, 1].
 */
export function referencePeaks(channels: readonly Float32Array[], points: number): Float32Array {
  const total = channels[0]!.length;
  const mins = new Array<number>(points).fill(Infinity);
  const maxs = new Array<number>(points).fill(-Infinity);
  for (let f = 0; f < total; f++) {
    let sum = 0;
    for (const channel of channels) sum += channel[f]!;
    const mono = sum / channels.length;
    const b = Math.floor((f * points) / total);
    mins[b] = Math.min(mins[b]!, mono);
    maxs[b] = Math.max(maxs[b]!, mono);
  }
  const clamp = (v: number): number => Math.max(-1, Math.min(1, v));
  return Float32Array.from({ length: points * 2 }, (_, i) =>
    clamp(i % 2 === 0 ? mins[i >> 1]! : maxs[i >> 1]!),
  );
}

/** Every value within `tolerance` of the expected one; reports the first bucket that is not. */
export function expectPeaksClose(actual: Float32Array, expected: ArrayLike<number>, tolerance: number): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < actual.length; i++) {
    const difference = Math.abs(actual[i]! - expected[i]!);
    if (!(difference <= tolerance)) {
      expect.fail(
        `bucket ${i >> 1} ${i % 2 === 0 ? 'min' : 'max'}: got ${actual[i]}, expected ${expected[i]} (±${tolerance})`,
      );
    }
  }
}

/** The whole decoded stream of `path`, channel by channel ([] when it holds no frame). Small files only. */
export async function decodeAll(path: string, chunkBytes?: number): Promise<Float32Array[]> {
  const decoder = await openDecoder(path, chunkBytes);
  const parts: Float32Array[][] = [];
  try {
    for await (const chunk of decoder.chunks())
      parts.push(chunk.channelData.map((channel) => channel.slice(0, chunk.frames)));
  } finally {
    await decoder.close();
  }
  return (parts[0] ?? []).map((_, ch) => {
    const whole = new Float32Array(parts.reduce((sum, part) => sum + part[ch]!.length, 0));
    let at = 0;
    for (const part of parts) {
      whole.set(part[ch]!, at);
      at += part[ch]!.length;
    }
    return whole;
  });
}

/** The same channels, sample for sample (bit for bit); reports the first sample that differs. */
export function expectSamePcm(actual: readonly Float32Array[], expected: readonly Float32Array[]): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((channel, ch) => {
    const other = expected[ch]!;
    expect(channel.length, `channel ${ch} length`).toBe(other.length);
    const same = Buffer.from(channel.buffer, channel.byteOffset, channel.byteLength).equals(
      Buffer.from(other.buffer, other.byteOffset, other.byteLength),
    );
    if (!same) {
      const at = channel.findIndex((value, i) => !Object.is(value, other[i]));
      expect.fail(
        `channel ${ch}, sample ${at} of ${channel.length}: got ${channel[at]}, expected ${other[at]}`,
      );
    }
  });
}

export function expectValidPeaks(peaks: Float32Array, points: number): void {
  expect(peaks.length).toBe(points * 2);
  for (let b = 0; b < points; b++) {
    const min = peaks[2 * b]!;
    const max = peaks[2 * b + 1]!;
    expect(min).toBeGreaterThanOrEqual(-1);
    expect(max).toBeLessThanOrEqual(1);
    expect(min).toBeLessThanOrEqual(max);
  }
}

export function mins(peaks: Float32Array): number[] {
  return Array.from(peaks).filter((_, i) => i % 2 === 0);
}

export function maxs(peaks: Float32Array): number[] {
  return Array.from(peaks).filter((_, i) => i % 2 === 1);
}

/** Silences the WASM decoders' own console.error line per damaged frame (expected in damage tests). */
export function muteDecoderErrors(): void {
  const original = console.error.bind(console);
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    if (typeof args[0] === 'string' && /^(@wasm-audio-decoders\/flac|mpg123-decoder):/.test(args[0])) return;
    original(...args);
  });
}
