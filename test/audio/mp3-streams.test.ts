/**
 * MP3 streams as real files have them: behind several ID3v2 tags in a row (a tagger that adds a
 * tag instead of updating the first), and with a channel mode that changes along the way (the first
 * frame mono, the later ones stereo: ISO's he_mode compliance stream, joined files). The frames are
 * written by test/audio/mp3-writer.ts (content known) and the committed fixtures; the corpus's own
 * files are checked when ../shared/corpus is there.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { computePeaks } from '../../src/main/core/audio';
import { concat } from './audio-writers';
import { audioTempDir, decodeAll, expectPeaksClose, FIXTURES, maxs, mins, referencePeaks } from './helpers';
import { MP3_FRAME_SAMPLES, mp3Frames, type GranuleTone } from './mp3-writer';
import { apeTag, id3v1Tag, id3v2Tag } from './tag-writers';

const CORPUS_AUDIO = fileURLToPath(new URL('../../../shared/corpus/audio/music-metadata/', import.meta.url));
const HE_MODE = join(CORPUS_AUDIO, 'mp3/layer3/he_mode.mp3');
const ID3_MULTI = join(CORPUS_AUDIO, 'id3-multi-01.mp3');

const temp = audioTempDir();
afterAll(() => temp.cleanup());
let fileNumber = 0;
const write = (bytes: Uint8Array, extension = 'mp3'): string =>
  temp.write(`stream-${fileNumber++}.${extension}`, bytes);

// Loudness by global gain: 2^((gain − 210) / 4) per spectral line; 206 peaks near 0.5, 198 near 0.12.
const LOUD: GranuleTone = { gain: 206, lines: [1, -1, 1, 0] };
const QUIET: GranuleTone = { gain: 198, lines: [0, 1, 0, -1] };

describe('several ID3v2 tags in a row', () => {
  const frames = mp3Frames(30, [
    [LOUD, LOUD],
    [QUIET, QUIET],
  ]);

  test.each([
    ['a 100 KB tag, then a small one', [100_000, 2_000]],
    ['three small tags', [300, 64, 1_000]],
    ['a small tag, then a 200 KB one (cover art)', [500, 200_000]],
  ])('%s: the frames after them, as without the tags', async (_, sizes) => {
    const untagged = await computePeaks(write(frames), { points: 30 });
    const tagged = await computePeaks(write(concat([...sizes.map((size) => id3v2Tag(size)), frames])), {
      points: 30,
    });
    expect(tagged).toEqual(untagged);
    expect(tagged.durationSeconds).toBe((30 * MP3_FRAME_SAMPLES) / 44100);
  });

  test('FLAC behind two ID3v2 tags', async () => {
    const flac = readFileSync(join(FIXTURES, 'tone-silence-44k1-stereo-16.flac'));
    const plain = await computePeaks(join(FIXTURES, 'tone-silence-44k1-stereo-16.flac'), { points: 20 });
    const tagged = await computePeaks(write(concat([id3v2Tag(70_000), id3v2Tag(100), flac]), 'flac'), {
      points: 20,
    });
    expect(tagged).toEqual(plain);
  });

  test.skipIf(!existsSync(ID3_MULTI))(
    'corpus id3-multi-01.mp3 (three tags, 440 KB; skipped without ../shared/corpus)',
    async () => {
      const result = await computePeaks(ID3_MULTI, { points: 100 });
      // Five frames of near silence after 440 KB of tags (ffmpeg decodes 5,760 samples too).
      expect(result).toMatchObject({ format: 'mp3', sampleRate: 44100, channels: 2 });
      expect(result.durationSeconds * 44100).toBeCloseTo(5 * MP3_FRAME_SAMPLES, 6);
    },
  );
});

describe('an MP3 of one or two frames, then tags', () => {
  // Three chained frames, or a chain that ends with the file, tell an MP3 from chance 0xFFE bytes;
  // a tag at the end is where such a chain ends too (the corpus's pr-544-id3v24.mp3: two frames).
  test.each([
    ['two frames, an ID3v1 tag', 2, id3v1Tag('Short')],
    ['one frame, an APE tag and an ID3v1 tag', 1, concat([apeTag(500), id3v1Tag('Short')])],
    ['two frames, an APE tag', 2, apeTag(3000)],
  ])('%s', async (_, count, tags) => {
    const frames = mp3Frames(count, [[LOUD, LOUD]]);
    const result = await computePeaks(write(concat([id3v2Tag(300), frames, tags])), { points: 16 });
    expect(result).toMatchObject({ format: 'mp3', channels: 1 });
    expect(result.durationSeconds).toBe((count * MP3_FRAME_SAMPLES) / 44100);
    expect(result.peaks).toEqual((await computePeaks(write(frames), { points: 16 })).peaks);
  });

  test('two frames followed by other bytes are still not taken for an MP3', async () => {
    const bytes = concat([id3v2Tag(300), mp3Frames(2, [[LOUD, LOUD]]), new Uint8Array(500).fill(0x41)]);
    await expect(computePeaks(write(bytes), { points: 16 })).rejects.toMatchObject({ reason: 'malformed' });
  });
});

/** The peak of a steady stretch: every frame of the stream holds the same content. */
async function steadyPeak(frames: Uint8Array): Promise<{ min: number; max: number }> {
  const result = await computePeaks(write(frames), { points: 20 });
  // Away from the first frames (decoder delay, filter start-up) and the last.
  return {
    min: Math.min(...mins(result.peaks).slice(5, 15)),
    max: Math.max(...maxs(result.peaks).slice(5, 15)),
  };
}

describe('an MP3 whose first frames are mono and later ones stereo', () => {
  const monoPart = mp3Frames(20, [[LOUD, LOUD]]);
  const stereoPart = mp3Frames(40, [
    [LOUD, LOUD],
    [QUIET, QUIET],
  ]);

  test('is drawn from both channels where it is stereo (their mean), from its one channel where mono', async () => {
    const mono = await steadyPeak(monoPart);
    const stereo = await steadyPeak(stereoPart);
    // The stereo frames' left channel is the mono frames' content: drawing only the left channel
    // would show the mono peak all along, not the stereo frames' mean.
    expect(Math.abs(stereo.max - mono.max)).toBeGreaterThan(0.05);

    // 60 frames, 60 points: one frame per bucket.
    const result = await computePeaks(write(concat([monoPart, stereoPart])), { points: 60 });
    expect(result.durationSeconds).toBe((60 * MP3_FRAME_SAMPLES) / 44100);
    const [top, bottom] = [maxs(result.peaks), mins(result.peaks)];
    for (let frame = 5; frame < 18; frame++) {
      expect(top[frame]).toBeCloseTo(mono.max, 5);
      expect(bottom[frame]).toBeCloseTo(mono.min, 5);
    }
    for (let frame = 25; frame < 58; frame++) {
      expect(top[frame]).toBeCloseTo(stereo.max, 5);
      expect(bottom[frame]).toBeCloseTo(stereo.min, 5);
    }
  });

  test.skipIf(!existsSync(HE_MODE))(
    'corpus he_mode.mp3 (ISO compliance: mono, dual channel, stereo, joint stereo; skipped without ../shared/corpus)',
    async () => {
      const channels = await decodeAll(HE_MODE);
      expect(channels).toHaveLength(2);
      const differ = channels[0]!.findIndex((value, i) => value !== channels[1]![i]);
      expect(differ).toBeGreaterThan(0); // its first frames are mono: both channels the same
      // 128 frames, 128 points: the adaptive buckets (4 frames each here) fall on bucket boundaries.
      const result = await computePeaks(HE_MODE, { points: 128 });
      expect(result.durationSeconds).toBe((128 * MP3_FRAME_SAMPLES) / 44100);
      expectPeaksClose(result.peaks, referencePeaks(channels, 128), 1e-6);
    },
  );
});
