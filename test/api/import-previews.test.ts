// Import with generatePreviews through the real scanner (mixdown detection) and the real peaks
// worker pool: found mixdowns become previews with cached peaks; a bad file only marks its preview.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeWav, sine } from '../audio/audio-writers';
import { startApi, type ApiHarness } from '../helpers/api-harness';

let h: ApiHarness;
let dir: string;
afterEach(async () => {
  await h?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A 3-second 44.1 kHz 16-bit stereo sine: about 530 KB, above the 200 KB mixdown floor. */
function mixdown(path: string, amplitude: number): void {
  mkdirSync(join(path, '..'), { recursive: true });
  const wave = sine(44_100 * 3, 44_100, 440, amplitude);
  writeFileSync(
    path,
    encodeWav({ sampleRate: 44_100, channels: [wave, wave], format: { kind: 'int', bits: 16 } }),
  );
}

describe('import with generatePreviews', () => {
  it('attaches the newest mixdown as preferred preview and computes its peaks', async () => {
    h = await startApi();
    dir = mkdtempSync(join(tmpdir(), 'sessiondock-import-previews-'));
    const project = join(dir, 'Night Drive', 'Night Drive.als');
    mkdirSync(join(project, '..'), { recursive: true });
    writeFileSync(project, 'ableton');
    mixdown(join(dir, 'Night Drive', 'Bounces', 'Night Drive v1.wav'), 0.5);
    mixdown(join(dir, 'Night Drive', 'Bounces', 'Night Drive v2.wav'), 0.8);
    // Samples are never mixdowns, however large.
    mixdown(join(dir, 'Night Drive', 'Samples', 'Kick loop.wav'), 0.9);
    const broken = join(dir, 'Broken', 'Broken.als');
    mkdirSync(join(broken, '..', 'Exports'), { recursive: true });
    writeFileSync(broken, 'ableton');
    writeFileSync(join(dir, 'Broken', 'Exports', 'Broken final.wav'), Buffer.alloc(300 * 1024, 0x41));

    const started = await h.request('POST', '/import', {
      body: { generatePreviews: true, items: [{ projectPath: project }, { projectPath: broken }] },
    });
    expect(started.status).toBe(202);
    const done = await h.core.imports.whenDone(started.json.data.importId);
    expect(done).toMatchObject({ completed: 2, failed: 0 });

    const status = (await h.request('GET', `/import/${done.importId}`)).json.data;
    const night = h.core.sessions.get(status.items[0].sessionId);
    expect(night.previews.map((p) => p.name).sort()).toEqual(['Night Drive v1', 'Night Drive v2']);
    expect(night.previewStatus).toBe('ready');
    const preferred = night.previews.find((p) => p.id === night.preferredPreviewId)!;
    expect(preferred.name).toBe('Night Drive v2');
    // Peaks were computed during the import: the waveform answers from the cache.
    expect(h.core.db.prepare('SELECT count(*) FROM waveform_cache').pluck().get()).toBeGreaterThanOrEqual(1);
    const waveform = (await h.request('GET', `/sessions/${night.id}/waveform?points=100`)).json.data;
    expect(waveform).toMatchObject({ sampleRate: 44100, channels: 2, points: 100 });
    expect(waveform.durationSeconds).toBeCloseTo(3, 2);
    expect(Math.max(...waveform.peaks)).toBeCloseTo(0.8, 1);

    const brokenSession = h.core.sessions.get(status.items[1].sessionId);
    expect(brokenSession.previews).toHaveLength(1);
    expect(brokenSession.previewStatus).toBe('unreadable');
    expect((await h.request('GET', `/sessions/${brokenSession.id}/waveform`)).json.error.code).toBe(
      'preview_unreadable',
    );
  });
});
