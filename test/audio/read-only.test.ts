/** SessionDock never writes to a user's audio file: neither by its code nor in effect. */
import { createHash } from 'node:crypto';
import { copyFileSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { computePeaks, PeaksWorkerPool } from '../../src/main/core/audio';
import { encodeAiff, encodeWav, noise, type Pcm } from './audio-writers';
import { audioTempDir, FIXTURES } from './helpers';

const temp = audioTempDir();
afterAll(() => temp.cleanup());

const AUDIO_SOURCE = fileURLToPath(new URL('../../src/main/core/audio/', import.meta.url));

function fingerprint(path: string): { sha256: string; size: number; mtimeMs: number } {
  const stats = statSync(path);
  return {
    sha256: createHash('sha256').update(readFileSync(path)).digest('hex'),
    size: stats.size,
    mtimeMs: stats.mtimeMs,
  };
}

describe('the audio module only reads', () => {
  test('its source has no writing call and opens files O_RDONLY', () => {
    const files = readdirSync(AUDIO_SOURCE).filter((name) => name.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(10);
    const writing =
      /\b(writeFile|appendFile|createWriteStream|truncate|ftruncate|rename|unlink|rmSync|rm\(|copyFile|chmod|utimes|O_WRONLY|O_RDWR|O_CREAT|O_TRUNC)\b|\.write\(/;
    let opens = 0;
    for (const name of files) {
      const source = readFileSync(join(AUDIO_SOURCE, name), 'utf8');
      expect(source, name).not.toMatch(writing);
      for (const call of source.matchAll(/\bawait open\(([^)]*)\)/g)) {
        expect(call[1], name).toMatch(/^\w+, constants\.O_RDONLY$/);
        opens++;
      }
    }
    expect(opens).toBe(1); // AudioFile.open, the one door to the file system
  });

  test('analysing files leaves their bytes and modification times exactly as they were', async () => {
    const pcm: Pcm = {
      sampleRate: 44100,
      format: { kind: 'int', bits: 16 },
      channels: [noise(30_000, 0.5, 1), noise(30_000, 0.5, 2)],
    };
    const wav = encodeWav(pcm);
    const paths = [
      temp.write('mix.wav', wav),
      temp.write('mix.aiff', encodeAiff(pcm, { compression: 'sowt' })),
      temp.write('cut.wav', wav.subarray(0, 20_000)),
      temp.write('garbage.mp3', new Uint8Array(noise(5000, 1).buffer)),
    ];
    for (const name of readdirSync(FIXTURES).filter((n) => /\.(flac|mp3)$/.test(n))) {
      const copy = join(temp.dir, name);
      copyFileSync(join(FIXTURES, name), copy);
      paths.push(copy);
    }
    const before = paths.map(fingerprint);
    const pool = new PeaksWorkerPool({ size: 1 });
    try {
      for (const path of paths) {
        await computePeaks(path, { points: 64 }).catch(() => undefined);
        await pool.peaks(path, 64).catch(() => undefined);
      }
    } finally {
      await pool.close();
    }
    expect(paths.map(fingerprint)).toEqual(before);
  });
});
