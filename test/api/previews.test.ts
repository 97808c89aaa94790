import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startApi, type ApiHarness } from '../helpers/api-harness';

let h: ApiHarness;
let dir: string;
afterEach(async () => {
  await h?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function setup(): Promise<{ id: string; wav: string; mp3: string }> {
  h = await startApi();
  dir = mkdtempSync(join(tmpdir(), 'sessiondock-previews-'));
  const wav = join(dir, 'Mix v1.wav');
  const mp3 = join(dir, 'Master.mp3');
  writeFileSync(wav, Buffer.from(Array.from({ length: 4096 }, (_, i) => i % 256)));
  writeFileSync(mp3, Buffer.alloc(1000, 7));
  const created = await h.request('POST', '/sessions', { body: { title: 'With previews' } });
  return { id: created.json.data.id, wav, mp3 };
}

const sha = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('previews through the API', () => {
  it('attach, prefer, detach; the Session reflects each step and files are never touched', async () => {
    const { id, wav, mp3 } = await setup();
    const before = [sha(wav), sha(mp3)];

    const first = await h.request('POST', `/sessions/${id}/previews`, { body: { path: wav } });
    expect(first.status).toBe(201);
    expect(first.json.data).toEqual({
      id: expect.stringMatching(/^preview_/),
      name: 'Mix v1',
      path: wav,
      status: 'ready',
    });
    const second = await h.request('POST', `/sessions/${id}/previews`, {
      body: { path: mp3, name: 'Final master' },
    });
    const firstId = first.json.data.id as string;
    const secondId = second.json.data.id as string;

    // The first user-attached preview became preferred; attaching another does not steal it.
    let session = (await h.request('GET', `/sessions/${id}`)).json.data;
    expect(session.preferredPreviewId).toBe(firstId);
    expect(session.previewStatus).toBe('ready');
    expect(session.previewAudioMime).toBe('audio/wav');
    expect(session.previewUrl).toBe(`${h.baseUrl}/sessions/${id}/waveform?variantId=${firstId}`);
    expect(session.previewAudioUrl).toBe(`${h.baseUrl}/sessions/${id}/preview/audio?variantId=${firstId}`);
    expect(session.previews.map((p: { id: string }) => p.id).sort()).toEqual([firstId, secondId].sort());

    const preferred = await h.request('PUT', `/sessions/${id}/preview`, {
      body: { preferredPreviewId: secondId },
    });
    expect(preferred.status).toBe(200);
    expect(preferred.json.data).toMatchObject({
      id,
      preferredPreviewId: secondId,
      previewAudioMime: 'audio/mpeg',
    });

    const detached = await h.request('DELETE', `/sessions/${id}/previews/${secondId}`);
    expect(detached.json.data).toEqual({ deleted: true, id: secondId });
    session = (await h.request('GET', `/sessions/${id}`)).json.data;
    expect(session.preferredPreviewId).toBe(firstId);
    expect([sha(wav), sha(mp3)]).toEqual(before);
  });

  it('refuses bad attachments and unknown previews with the documented codes', async () => {
    const { id, wav } = await setup();
    const attach = (body: unknown) => h.request('POST', `/sessions/${id}/previews`, { body });
    expect((await attach({ path: 'relative.wav' })).json.error.code).toBe('invalid_input');
    expect((await attach({ path: join(dir, 'missing.wav') })).json.error.message).toBe(
      'path does not exist or is not a file',
    );
    writeFileSync(join(dir, 'notes.txt'), 'x');
    expect((await attach({ path: join(dir, 'notes.txt') })).json.error.code).toBe('invalid_input');
    expect((await attach({ path: wav, bogus: 1 })).json.error.message).toBe('unknown field: bogus');
    await attach({ path: wav });
    expect((await attach({ path: wav })).json.error.message).toBe(
      'path is already a preview of this session',
    );
    expect(
      (await h.request('POST', '/sessions/session_nope/previews', { body: { path: wav } })).json.error,
    ).toEqual({
      status: 404,
      code: 'not_found',
      message: 'session not found',
    });
    const unknownPreview = await h.request('DELETE', `/sessions/${id}/previews/preview_nope`);
    expect(unknownPreview.json.error).toEqual({
      status: 404,
      code: 'preview_not_found',
      message: 'preview not found',
    });
    const badPrefer = await h.request('PUT', `/sessions/${id}/preview`, {
      body: { preferredPreviewId: 'preview_nope' },
    });
    expect(badPrefer.status).toBe(404);
  });

  it('streams audio with the right MIME type, honouring Range with 206 and the exact bytes', async () => {
    const { id, wav } = await setup();
    const noPreview = await h.request('GET', `/sessions/${id}/preview/audio`);
    expect(noPreview.json.error.code).toBe('preview_not_found');
    await h.request('POST', `/sessions/${id}/previews`, { body: { path: wav } });
    const bytes = readFileSync(wav);
    const url = `${h.baseUrl}/sessions/${id}/preview/audio`;
    const auth = { Authorization: `Bearer ${h.token()}` };

    const whole = await fetch(url, { headers: auth });
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('audio/wav');
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    expect(Buffer.from(await whole.arrayBuffer()).equals(bytes)).toBe(true);

    for (const [range, start, end] of [
      ['bytes=100-199', 100, 199],
      ['bytes=4000-', 4000, 4095],
      ['bytes=-96', 4000, 4095],
      ['bytes=0-99999', 0, 4095],
    ] as const) {
      const partial = await fetch(url, { headers: { ...auth, Range: range } });
      expect(partial.status, range).toBe(206);
      expect(partial.headers.get('content-range')).toBe(`bytes ${start}-${end}/4096`);
      expect(Buffer.from(await partial.arrayBuffer()).equals(bytes.subarray(start, end + 1))).toBe(true);
    }
    const outside = await fetch(url, { headers: { ...auth, Range: 'bytes=5000-6000' } });
    expect(outside.status).toBe(416);
    expect(outside.headers.get('content-range')).toBe('bytes */4096');
    expect(((await outside.json()) as { error: { status: number } }).error.status).toBe(416);
  });

  it('shows a vanished file as missing at once, and a file that comes back as ready', async () => {
    const { id, wav } = await setup();
    await h.request('POST', `/sessions/${id}/previews`, { body: { path: wav } });
    const moved = `${wav}.moved`;
    writeFileSync(moved, readFileSync(wav));
    rmSync(wav);
    const session = (await h.request('GET', `/sessions/${id}`)).json.data;
    expect(session.previewStatus).toBe('missing');
    expect(session.previews[0].status).toBe('missing');
    expect((await h.request('GET', `/sessions/${id}/preview/audio`)).json.error.code).toBe(
      'preview_not_found',
    );
    writeFileSync(wav, readFileSync(moved));
    truncateSync(wav, 4096);
    expect((await h.request('GET', `/sessions/${id}`)).json.data.previewStatus).toBe('ready');
  });

  it('a preview the user picked wins over mixdowns found automatically', async () => {
    const { id, wav, mp3 } = await setup();
    const seq = h.core.sessions.requireSeq(id);
    // Detection alone: the newest found becomes preferred.
    h.core.previews.addDetected(seq, [{ path: mp3, name: 'Master', mtimeMs: Date.now(), size: 1000 }]);
    expect(h.core.sessions.get(id).previews.length).toBe(1);
    const auto = h.core.sessions.get(id).preferredPreviewId;
    expect(auto).not.toBeNull();
    // The user attaches one: it is their pick and replaces the automatic choice.
    const picked = (await h.request('POST', `/sessions/${id}/previews`, { body: { path: wav } })).json.data
      .id;
    expect(h.core.sessions.get(id).preferredPreviewId).toBe(picked);
    // A later detection with a newer file never overrides the user's pick.
    const newer = join(dir, 'Newer mix.wav');
    writeFileSync(newer, Buffer.alloc(2048));
    h.core.previews.addDetected(seq, [
      { path: newer, name: 'Newer mix', mtimeMs: Date.now() + 1000, size: 2048 },
    ]);
    expect(h.core.sessions.get(id).preferredPreviewId).toBe(picked);
    expect(h.core.sessions.get(id).previews).toHaveLength(3);
  });
});

describe('waveform notes through the API', () => {
  it('replace the lane: known ids keep createdAt, new ones get ids, sorted by timestamp', async () => {
    const { id, wav } = await setup();
    expect((await h.request('GET', `/sessions/${id}/waveform-notes`)).json.error).toEqual({
      status: 404,
      code: 'preview_not_found',
      message: 'preview not found',
    });
    const previewId = (await h.request('POST', `/sessions/${id}/previews`, { body: { path: wav } })).json.data
      .id;

    const put = await h.request('PUT', `/sessions/${id}/waveform-notes`, {
      body: {
        notes: [
          { timestamp: 42.5, text: 'Snare too loud' },
          { timestamp: 3, text: 'Intro pad' },
        ],
      },
    });
    expect(put.status).toBe(200);
    expect(put.json.data).toMatchObject({ sessionId: id, variantId: previewId, key: `${id}:${previewId}` });
    const [intro, snare] = put.json.data.notes;
    expect([intro.text, snare.text]).toEqual(['Intro pad', 'Snare too loud']);
    expect(intro.id).toMatch(/^wnote_/);

    const patched = await h.request('PATCH', `/sessions/${id}/waveform-notes?variantId=${previewId}`, {
      body: {
        notes: [
          { id: snare.id, timestamp: 1.25, text: 'Snare too loud' },
          { timestamp: 60, text: 'Outro' },
        ],
      },
    });
    const notes = patched.json.data.notes;
    expect(notes.map((n: { text: string }) => n.text)).toEqual(['Snare too loud', 'Outro']);
    expect(notes[0]).toMatchObject({ id: snare.id, createdAt: snare.createdAt, timestamp: 1.25 });
    expect((await h.request('GET', `/sessions/${id}/waveform-notes`)).json.data.notes).toEqual(notes);

    for (const bad of [
      { notes: [{ timestamp: -1, text: 'x' }] },
      { notes: [{ timestamp: 1, text: '' }] },
      { notes: [{ timestamp: 1, text: 'x'.repeat(2001) }] },
      { notes: Array.from({ length: 1001 }, () => ({ timestamp: 1, text: 'x' })) },
      { notes: 'nope' },
      { notes: [], extra: true },
    ]) {
      const refused = await h.request('PUT', `/sessions/${id}/waveform-notes`, { body: bad });
      expect(refused.status, JSON.stringify(bad).slice(0, 80)).toBe(400);
      expect(refused.json.error.code).toBe('invalid_input');
    }
    // The text message says all that is accepted, whatever broke it (blank, too long, a control character).
    for (const text of ['  ', 'x'.repeat(2001), 'a\u0007b', 42]) {
      const refused = await h.request('PUT', `/sessions/${id}/waveform-notes`, {
        body: {
          notes: [
            { timestamp: 1, text: 'fine' },
            { timestamp: 2, text },
          ],
        },
      });
      expect(refused.json.error).toMatchObject({
        code: 'invalid_input',
        message:
          'notes[1].text must be a string of 1-2000 characters, not blank, with no control characters (tab, newline and carriage return allowed)',
      });
    }
    expect((await h.request('GET', `/sessions/${id}/waveform-notes?variantId=preview_x`)).status).toBe(404);

    // Deleting the session removes its previews and notes (and never the audio file).
    await h.request('DELETE', `/sessions/${id}`);
    expect(h.core.db.prepare('SELECT count(*) FROM waveform_notes').pluck().get()).toBe(0);
    expect(h.core.db.prepare('SELECT count(*) FROM previews').pluck().get()).toBe(0);
    expect(readFileSync(wav).length).toBe(4096);
  });
});
