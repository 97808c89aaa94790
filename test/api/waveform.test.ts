import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UnreadableAudioError } from '../../src/main/core/audio/errors';
import type { PeaksResult } from '../../src/main/core/audio/types';
import { downsamplePeaks, type PeaksSource } from '../../src/main/core/waveforms/waveform-service';
import { startApi, type ApiHarness } from '../helpers/api-harness';

/** A peaks source that records calls: a ramp whose bucket j has min -j/points and max j/points. */
class RecordingPeaks implements PeaksSource {
  readonly calls: string[] = [];
  async peaks(path: string, points: number): Promise<PeaksResult> {
    this.calls.push(path);
    if (path.endsWith('garbage.wav'))
      throw new UnreadableAudioError('unknown_format', 'not WAV, AIFF, FLAC or MP3');
    const peaks = new Float32Array(points * 2);
    for (let j = 0; j < points; j++) {
      peaks[2 * j] = -j / points;
      peaks[2 * j + 1] = j / points;
    }
    return {
      format: 'wav',
      durationSeconds: 12.5,
      sampleRate: 44100,
      channels: 2,
      points,
      peaks,
      truncated: false,
    };
  }
}

let h: ApiHarness;
let dir: string;
afterEach(async () => {
  await h?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function setup(): Promise<{ id: string; source: RecordingPeaks; wav: string }> {
  const source = new RecordingPeaks();
  h = await startApi({ core: { peaksSource: source } });
  dir = mkdtempSync(join(tmpdir(), 'sessiondock-waveform-'));
  const wav = join(dir, 'mix.wav');
  writeFileSync(wav, Buffer.alloc(1000));
  const id = (await h.request('POST', '/sessions', { body: { title: 'Waves' } })).json.data.id;
  await h.request('POST', `/sessions/${id}/previews`, { body: { path: wav } });
  return { id, source, wav };
}

describe('GET /sessions/{id}/waveform', () => {
  it('answers peaks for the preferred preview, computed once per file and cached', async () => {
    const { id, source } = await setup();
    const first = await h.request('GET', `/sessions/${id}/waveform`);
    expect(first.status).toBe(200);
    const data = first.json.data;
    expect(Object.keys(data)).toEqual([
      'sessionId',
      'variantId',
      'durationSeconds',
      'sampleRate',
      'channels',
      'points',
      'peaks',
    ]);
    expect(data).toMatchObject({
      sessionId: id,
      durationSeconds: 12.5,
      sampleRate: 44100,
      channels: 2,
      points: 1000,
    });
    expect(data.peaks).toHaveLength(2000);
    expect(data.peaks.every((value: number) => value >= -1 && value <= 1)).toBe(true);

    const small = (await h.request('GET', `/sessions/${id}/waveform?points=16`)).json.data;
    expect(small.points).toBe(16);
    expect(small.peaks[1]).toBeCloseTo(1249 / 20000, 3);
    expect(source.calls).toHaveLength(1);
  });

  it('recomputes when the file changes, and forgets peaks when the session is deleted', async () => {
    const { id, source, wav } = await setup();
    await h.request('GET', `/sessions/${id}/waveform`);
    writeFileSync(wav, Buffer.alloc(2000));
    utimesSync(wav, new Date(), new Date(Date.now() + 5000));
    await h.request('GET', `/sessions/${id}/waveform`);
    expect(source.calls).toHaveLength(2);
    expect(h.core.db.prepare('SELECT count(*) FROM waveform_cache').pluck().get()).toBe(1);
    await h.request('DELETE', `/sessions/${id}`);
    expect(h.core.db.prepare('SELECT count(*) FROM waveform_cache').pluck().get()).toBe(0);
  });

  it('marks an undecodable preview unreadable and a vanished one missing, answering 422', async () => {
    const { id, wav } = await setup();
    const garbage = join(dir, 'garbage.wav');
    writeFileSync(garbage, 'not audio at all');
    const preview = (
      await h.request('POST', `/sessions/${id}/previews`, { body: { path: garbage, preferred: true } })
    ).json.data.id;
    const refused = await h.request('GET', `/sessions/${id}/waveform?variantId=${preview}`);
    expect(refused.status).toBe(422);
    expect(refused.json.error.code).toBe('preview_unreadable');
    expect(h.core.sessions.get(id).previewStatus).toBe('unreadable');

    rmSync(wav);
    const session = h.core.sessions.get(id);
    const other = session.previews.find((p) => p.path === wav)!.id;
    expect((await h.request('GET', `/sessions/${id}/waveform?variantId=${other}`)).json.error.code).toBe(
      'preview_unreadable',
    );
    expect(h.core.sessions.get(id).previews.find((p) => p.id === other)!.status).toBe('missing');
  });

  it('validates points and answers preview_not_found without a preview', async () => {
    const { id } = await setup();
    for (const points of ['15', '20001', 'abc', '1.5']) {
      const response = await h.request('GET', `/sessions/${id}/waveform?points=${points}`);
      expect(response.json.error, points).toEqual({
        status: 400,
        code: 'invalid_input',
        message: 'points must be an integer between 16 and 20,000',
      });
    }
    const bare = (await h.request('POST', '/sessions', { body: { title: 'No preview' } })).json.data.id;
    expect((await h.request('GET', `/sessions/${bare}/waveform`)).json.error.code).toBe('preview_not_found');
  });
});

describe('downsamplePeaks', () => {
  it('keeps each bucket’s extremes', () => {
    const base = new Float32Array([-0.1, 0.2, -0.9, 0.1, -0.3, 0.8, -0.2, 0.3]);
    expect(Array.from(downsamplePeaks(base, 2))).toEqual([
      expect.closeTo(-0.9),
      expect.closeTo(0.2),
      expect.closeTo(-0.3),
      expect.closeTo(0.8),
    ]);
    expect(downsamplePeaks(base, 4)).toBe(base);
  });
});
