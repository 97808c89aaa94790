/**
 * Broadcast WAV (`.bwf`): a RIFF/WAVE file with a `bext` chunk (EBU Tech 3285) in front of `fmt `.
 * Decoding goes by content, so it always decoded; what refused it was the extension, in the one
 * table of preview extensions (src/shared/audio.ts) that adding a preview, the file dialogs, drops
 * and the mixdown scan all read.
 */
import { afterAll, describe, expect, test } from 'vitest';
import { computePeaks } from '../../src/main/core/audio';
import { audioMimeOfName } from '../../src/main/core/scan/mixdown-rules';
import { audioMimeForPath } from '../../src/shared/audio';
import { encodeWav, sine } from './audio-writers';
import { audioTempDir, decodedSignal, expectPeaksClose, referencePeaks } from './helpers';

const temp = audioTempDir();
afterAll(() => temp.cleanup());

/** A bext chunk's fixed part: description, originator, reference, date, time, time reference, version… */
const BEXT_BYTES = 602;

function bextChunk(description: string): Uint8Array {
  const body = new Uint8Array(BEXT_BYTES);
  body.set(new TextEncoder().encode(description.slice(0, 256)));
  body.set(new TextEncoder().encode('2024-05-01'), 320); // OriginationDate
  body.set(new TextEncoder().encode('12:00:00'), 330); // OriginationTime
  body[346] = 1; // Version
  return body;
}

describe('Broadcast WAV (.bwf)', () => {
  test.each(['Song mix.bwf', 'SONG MIX.BWF', '/Music/Client/Song/Bounces/take 3.bwf'])(
    '%s is a preview audio file, served as audio/wav',
    (name) => {
      expect(audioMimeForPath(name)).toBe('audio/wav');
      expect(audioMimeOfName(name.split('/').pop()!)).toBe('audio/wav');
    },
  );

  test('its peaks are those of the PCM in its data chunk, the bext chunk skipped', async () => {
    const pcm = {
      sampleRate: 48000,
      channels: [sine(4800, 48000, 440, 0.5), sine(4800, 48000, 220, 0.25)],
      format: { kind: 'int', bits: 24 } as const,
    };
    const path = temp.write(
      'take.bwf',
      encodeWav(pcm, { before: [{ id: 'bext', body: bextChunk('Take 3') }] }),
    );
    const result = await computePeaks(path, { points: 48 });
    expect(result).toMatchObject({ format: 'wav', sampleRate: 48000, channels: 2, truncated: false });
    expect(result.durationSeconds).toBe(0.1);
    expectPeaksClose(result.peaks, referencePeaks(decodedSignal(pcm), 48), 1e-6);
  });
});
