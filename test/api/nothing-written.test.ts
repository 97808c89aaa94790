// SessionDock never writes into project folders (README, product.md §2–3): a whole tree of
// projects — generated ones of every kind plus hand-made ones with real, decodable mixdowns, audio
// in excluded folders, a Logic bundle, Ableton backups and symlinks — goes through everything the
// Local API does with files (scan, import with previews, waveforms, audio streaming with and
// without Range, attach / prefer / detach, waveform notes, open, patch, delete, re-import), over
// real HTTP with the real mixdown finder and the real peaks worker pool. A snapshot of the tree
// (every file's bytes, size, mode and mtime, every folder's listing and mtime, every link's target)
// is identical before and after.
import { readFileSync, realpathSync, utimesSync, writeFileSync } from 'node:fs';
import { mkdir, realpath } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateProjectTree } from '../../bench/import-tree';
import { MIXDOWN_MIN_BYTES } from '../../src/main/core/scan';
import { encodeAiff, encodeWav, sine, type Pcm } from '../audio/audio-writers';
import { startApi, type ApiHarness } from '../helpers/api-harness';
import { buildTree, file, link, makeTempDir, removeTempDirs, snapshotTree } from '../scan/fixtures';

let h: ApiHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
  await removeTempDirs();
});

const SAMPLE_RATE = 22_050;

/** Three seconds of a stereo sine at 22.05 kHz, 16-bit: about 265 KB, above the mixdown floor. */
function pcm(frequency: number, amplitude: number, seconds = 3): Pcm {
  const left = sine(Math.round(SAMPLE_RATE * seconds), SAMPLE_RATE, frequency, amplitude);
  const right = sine(Math.round(SAMPLE_RATE * seconds), SAMPLE_RATE, frequency * 1.5, amplitude / 2);
  return { sampleRate: SAMPLE_RATE, channels: [left, right], format: { kind: 'int', bits: 16 } };
}

async function writeAudio(path: string, bytes: Uint8Array, mtime: Date): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
  utimesSync(path, mtime, mtime);
}

/**
 * Hand-made projects next to the generated ones: each kind's own clutter, real mixdowns in export
 * folders and beside the project, and big real audio where a mixdown must never be taken from.
 */
async function buildHandMadeProjects(studio: string): Promise<void> {
  await buildTree(studio, {
    'Night Drive Project/Night Drive.als': file('ableton set'),
    'Night Drive Project/Backup/Night Drive [2024-05-01 101500].als': file('ableton backup'),
    'Night Drive Project/Ableton Project Info/Project8_1.cfg': file('cfg'),
    // A link in an export folder to a master kept elsewhere: detection follows it, never writes.
    'Night Drive Project/Bounces/Latest.wav': link('../../Shared/Night Drive master.wav'),
    'Tune/Tune.logicx/Alternatives/000/ProjectData': file('logic data'),
    'Tune/Tune.logicx/Alternatives/000/Imported.als': file('inside a bundle: not a project'),
    'Tune/Tune.logicx/Resources/ProjectInformation.plist': file('plist'),
    'Beat/Beat.flp': file('fl studio'),
    'Mix/Mix.rpp': file('reaper'),
    'Mix/Mix.rpp-bak': file('reaper backup'),
    'Tune One/Tune One.song': file('studio one'),
    'Tune One/History/Tune One (2).song': file('studio one history'),
    'Links/loop': link('..'),
    'Links/broken.als': link('missing.als'),
    'Plugins/Synth.vst3/Contents/Resources/Preset.als': file('plugin'),
  });
  const at = (month: number): Date => new Date(Date.UTC(2024, month, 10, 12));
  const wav = (f: number, a: number, s?: number): Uint8Array => encodeWav(pcm(f, a, s));
  // Mixdowns (real, decodable).
  await writeAudio(join(studio, 'Night Drive Project/Bounces/Night Drive v1.wav'), wav(220, 0.4), at(1));
  await writeAudio(join(studio, 'Night Drive Project/Bounces/Night Drive v2.wav'), wav(330, 0.6), at(2));
  await writeAudio(join(studio, 'Shared/Night Drive master.wav'), wav(440, 0.7), at(3));
  await writeAudio(join(studio, 'Tune/Bounces/Tune mix.aif'), encodeAiff(pcm(550, 0.5)), at(4));
  await writeAudio(join(studio, 'Beat/Beat master.wav'), wav(110, 0.8), at(5));
  await writeAudio(join(studio, 'Mix/Renders/Mix final.wav'), wav(660, 0.3), at(6));
  await writeAudio(join(studio, 'Tune One/Mixdown/Tune One.wav'), wav(770, 0.5), at(7));
  // Too short for a mixdown, in an export folder.
  await writeAudio(join(studio, 'Night Drive Project/Bounces/2024/Clip.wav'), wav(880, 0.5, 0.5), at(8));
  // Big real audio in folders a mixdown is never taken from, and inside the bundle.
  const decoy = wav(990, 0.9, 4);
  await writeAudio(
    join(studio, 'Night Drive Project/Samples/Recorded/Night Drive mix take 1.wav'),
    decoy,
    at(9),
  );
  await writeAudio(
    join(studio, 'Night Drive Project/Samples/Processed/Freeze/Freeze Master.wav'),
    decoy,
    at(9),
  );
  await writeAudio(join(studio, 'Night Drive Project/Backup/Night Drive mix.wav'), decoy, at(9));
  await writeAudio(join(studio, 'Tune/Audio Files/Tune#01.wav'), decoy, at(9));
  await writeAudio(join(studio, 'Tune/Tune.logicx/Media/Tune bounce.wav'), decoy, at(9));
  await writeAudio(join(studio, 'Beat/Samples/kick final.wav'), decoy, at(9));
  await writeAudio(join(studio, 'Mix/Media/Mix vox master.wav'), decoy, at(9));
  // Files attached by hand: one through the import's previewAudioPath, one through the API.
  await writeAudio(join(studio, 'Extras/Client ref.aiff'), encodeAiff(pcm(300, 0.5, 1)), at(10));
  await writeAudio(join(studio, 'Extras/Alt print.wav'), wav(500, 0.9, 2), at(11));
}

/** Entries added, removed or changed between two snapshots, one readable line each. */
function differences(before: Map<string, string>, after: Map<string, string>): string[] {
  const lines: string[] = [];
  for (const [path, entry] of before) {
    const now = after.get(path);
    if (now === undefined) lines.push(`removed ${path}: ${entry}`);
    else if (now !== entry) lines.push(`changed ${path}: ${entry} → ${now}`);
  }
  for (const [path, entry] of after) if (!before.has(path)) lines.push(`added ${path}: ${entry}`);
  return lines;
}

const isInside = (folder: string, path: string): boolean => {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith('/'));
};

describe('the Local API never writes into project folders', () => {
  it('scan, import with previews, waveforms, streaming, previews, notes, open, patch and delete leave the tree as it was', async () => {
    const root = await realpath(await makeTempDir('sessiondock-nothing-written-'));
    const generated = await generateProjectTree(join(root, 'Generated'), { projects: 60, seed: 4242 });
    const studio = join(root, 'Studio');
    await buildHandMadeProjects(studio);

    // Default core options: the scanner's mixdown finder and the real peaks worker pool.
    h = await startApi();
    const api = h;
    const dataDir = realpathSync(api.core.dataDir);
    expect(isInside(root, dataDir)).toBe(false);
    expect(isInside(root, realpathSync(api.dataDir))).toBe(false);
    expect(isInside(root, realpathSync(api.core.libraryPath))).toBe(false);
    expect(isInside(dataDir, root)).toBe(false);

    const before = await snapshotTree(root);
    expect(before.size).toBeGreaterThan(500);

    // Scan: every generated project and the five hand-made ones, nothing from bundles or backups.
    const scanner = api.core.folderScan;
    const scan = await scanner.scan(root);
    const found = scan.projects.map((project) => project.path);
    for (const project of generated.list) expect(found).toContain(project.path);
    const handMade = {
      night: join(studio, 'Night Drive Project/Night Drive.als'),
      tune: join(studio, 'Tune/Tune.logicx'),
      beat: join(studio, 'Beat/Beat.flp'),
      mix: join(studio, 'Mix/Mix.rpp'),
      tuneOne: join(studio, 'Tune One/Tune One.song'),
    };
    for (const path of Object.values(handMade)) expect(found).toContain(path);
    expect(found.filter((path) => path.includes('/Backup/') || path.includes('.logicx/'))).toEqual([]);
    expect(scan.projects.every((project) => !project.inLibrary)).toBe(true);

    // Import everything found, with mixdown detection and peaks, one item with its own preview.
    const clientRef = join(studio, 'Extras/Client ref.aiff');
    const items = found.map((projectPath) =>
      projectPath === handMade.beat ? { projectPath, previewAudioPath: clientRef } : { projectPath },
    );
    const started = await api.request('POST', '/import', { body: { generatePreviews: true, items } });
    expect(started.status).toBe(202);
    const done = await api.core.imports.whenDone(started.json.data.importId);
    expect(done.completed).toBe(found.length);
    expect(done.completed).toBeGreaterThan(60);
    expect(done).toMatchObject({ failed: 0, skipped: 0 });
    const status = (await api.request('GET', `/import/${done.importId}`)).json.data;
    const idOf = new Map<string, string>(
      status.items.map((item: { projectPath: string; sessionId: string }) => [
        item.projectPath,
        item.sessionId,
      ]),
    );
    const cacheRows = (): number =>
      api.core.db.prepare('SELECT count(*) FROM waveform_cache').pluck().get() as number;
    expect(cacheRows()).toBeGreaterThanOrEqual(6);

    // The detected previews are the mixdowns, never a sample, a backup or audio inside a bundle.
    const sessions = [...idOf.values()].map((id) => api.core.sessions.get(id));
    const withPreviews = sessions.filter((session) => session.previews.length > 0);
    expect(withPreviews.length).toBeGreaterThanOrEqual(5 + generated.mixdowns);
    for (const session of withPreviews) {
      for (const preview of session.previews) {
        expect(preview.path).not.toMatch(/\/(Samples|Backup|Audio Files|Media)\/|\.logicx\//);
      }
    }
    const night = api.core.sessions.get(idOf.get(handMade.night)!);
    expect(night.previews.map((preview) => preview.name).sort()).toEqual([
      'Latest',
      'Night Drive v1',
      'Night Drive v2',
    ]);
    expect(night.previews.find((preview) => preview.id === night.preferredPreviewId)?.name).toBe('Latest');
    const beat = api.core.sessions.get(idOf.get(handMade.beat)!);
    expect(beat.previews.find((preview) => preview.id === beat.preferredPreviewId)?.path).toBe(clientRef);

    // Waveforms and audio of every session with a preview: real files decode, the generated
    // (zero-filled) mixdowns are unreadable, and every byte streamed is the file's.
    const auth = { Authorization: `Bearer ${api.token()}` };
    let waveforms = 0;
    let streamed = 0;
    for (const session of withPreviews) {
      const waveform = await api.request('GET', `/sessions/${session.id}/waveform?points=64`);
      if (session.previewStatus === 'ready') {
        expect(waveform.status, session.title).toBe(200);
        expect(waveform.json.data.sampleRate).toBe(SAMPLE_RATE);
        expect(Math.max(...waveform.json.data.peaks)).toBeGreaterThan(0.2);
        waveforms++;
      } else {
        expect(waveform.json.error.code, session.title).toBe('preview_unreadable');
      }
      const preferred = session.previews.find((preview) => preview.id === session.preferredPreviewId)!;
      const bytes = readFileSync(preferred.path);
      if (preferred.path !== clientRef) expect(bytes.length).toBeGreaterThanOrEqual(MIXDOWN_MIN_BYTES);
      const url = `${api.baseUrl}/sessions/${session.id}/preview/audio`;
      const whole = await fetch(url, { headers: auth });
      expect(whole.status).toBe(200);
      expect(Buffer.from(await whole.arrayBuffer()).equals(bytes)).toBe(true);
      const head = await fetch(url, { headers: { ...auth, Range: 'bytes=0-43' } });
      expect(head.status).toBe(206);
      expect(Buffer.from(await head.arrayBuffer()).equals(bytes.subarray(0, 44))).toBe(true);
      const tail = await fetch(`${url}?variantId=${preferred.id}`, {
        headers: { ...auth, Range: 'bytes=-1000' },
      });
      expect(tail.status).toBe(206);
      expect(Buffer.from(await tail.arrayBuffer()).equals(bytes.subarray(bytes.length - 1000))).toBe(true);
      streamed++;
    }
    expect(waveforms).toBe(5); // the five hand-made projects
    expect(streamed).toBe(withPreviews.length);
    for (const preview of night.previews) {
      const variant = await api.request(
        'GET',
        `/sessions/${night.id}/waveform?variantId=${preview.id}&points=32`,
      );
      expect(variant.status).toBe(200);
    }

    // Attach an extra file from the tree, prefer it, annotate it, then detach it.
    const altPrint = join(studio, 'Extras/Alt print.wav');
    const attached = await api.request('POST', `/sessions/${night.id}/previews`, {
      body: { path: altPrint, name: 'Alt print' },
    });
    expect(attached.status).toBe(201);
    const altId = attached.json.data.id as string;
    const preferred = await api.request('PUT', `/sessions/${night.id}/preview`, {
      body: { preferredPreviewId: altId },
    });
    expect(preferred.json.data).toMatchObject({ preferredPreviewId: altId, previewStatus: 'ready' });
    const altWave = await api.request('GET', `/sessions/${night.id}/waveform?points=100`);
    expect(altWave.json.data).toMatchObject({ variantId: altId, points: 100 });
    expect(altWave.json.data.durationSeconds).toBeCloseTo(2, 2);
    const altRange = await fetch(`${api.baseUrl}/sessions/${night.id}/preview/audio`, {
      headers: { ...auth, Range: 'bytes=1000-1999' },
    });
    expect(altRange.status).toBe(206);
    expect(
      Buffer.from(await altRange.arrayBuffer()).equals(readFileSync(altPrint).subarray(1000, 2000)),
    ).toBe(true);
    const lane = await api.request('PUT', `/sessions/${night.id}/waveform-notes`, {
      body: {
        notes: [
          { timestamp: 1.25, text: 'Kick too loud here' },
          { timestamp: 0.5, text: 'Intro pad' },
        ],
      },
    });
    expect(lane.status).toBe(200);
    expect(lane.json.data.notes.map((note: { text: string }) => note.text)).toEqual([
      'Intro pad',
      'Kick too loud here',
    ]);
    const v2 = night.previews.find((preview) => preview.name === 'Night Drive v2')!;
    const otherLane = await api.request('PATCH', `/sessions/${night.id}/waveform-notes?variantId=${v2.id}`, {
      body: { notes: [{ timestamp: 2, text: 'Vocal sits better in v2' }] },
    });
    expect(otherLane.status).toBe(200);
    expect(api.core.db.prepare('SELECT count(*) FROM waveform_notes').pluck().get()).toBeGreaterThanOrEqual(
      3,
    );
    expect(cacheRows()).toBeGreaterThanOrEqual(7);
    const detached = await api.request('DELETE', `/sessions/${night.id}/previews/${altId}`);
    expect(detached.json.data).toEqual({ deleted: true, id: altId });
    expect(api.core.sessions.get(night.id).previews).toHaveLength(3);

    // Open (the harness's opener records), patch, replace notes and tags.
    const toOpen = [handMade.night, handMade.tune, handMade.mix, generated.list[0]!.path];
    for (const path of toOpen) {
      const opened = await api.request('POST', `/sessions/${idOf.get(path)}/open`);
      expect(opened.json.data).toMatchObject({ opened: true });
    }
    expect(api.opener.opened).toEqual(toOpen);
    const tuneId = idOf.get(handMade.tune)!;
    const patched = await api.request('PATCH', `/sessions/${tuneId}`, {
      body: {
        title: 'Tune (final)',
        status: 'mixing',
        accent: 'teal',
        client: 'Acme',
        tags: ['mix', 'client'],
      },
    });
    expect(patched.json.data).toMatchObject({
      title: 'Tune (final)',
      status: 'mixing',
      projectPath: handMade.tune,
    });
    expect(
      (await api.request('PUT', `/sessions/${tuneId}/notes`, { body: { notes: 'Print stems' } })).status,
    ).toBe(200);
    expect((await api.request('PUT', `/sessions/${tuneId}/tags`, { body: { tags: ['done'] } })).status).toBe(
      200,
    );

    // Delete several sessions, including ones with previews, cached peaks and waveform notes.
    const generatedWithMixdown = generated.list.find((project) => project.mixdownPath !== null)!;
    const toDelete = [handMade.night, handMade.beat, generatedWithMixdown.path, generated.list[1]!.path];
    const cacheBeforeDelete = cacheRows();
    for (const path of toDelete) {
      const deleted = await api.request('DELETE', `/sessions/${idOf.get(path)}`);
      expect(deleted.json.data).toEqual({ deleted: true, id: idOf.get(path) });
    }
    expect(cacheRows()).toBeLessThan(cacheBeforeDelete);

    // Scan and import again: the deleted ones come back, the rest are skipped.
    const rescan = await scanner.scan(root);
    expect(
      rescan.projects
        .filter((project) => !project.inLibrary)
        .map((project) => project.path)
        .sort(),
    ).toEqual([...toDelete].sort());
    const again = await api.request('POST', '/import', {
      body: { generatePreviews: true, items: rescan.projects.map(({ path }) => ({ projectPath: path })) },
    });
    const redone = await api.core.imports.whenDone(again.json.data.importId);
    expect(redone).toMatchObject({
      completed: toDelete.length,
      skipped: found.length - toDelete.length,
      failed: 0,
    });

    // Not a byte, mtime, mode, listing or link under the tree changed, nothing appeared or vanished.
    const after = await snapshotTree(root);
    expect(differences(before, after)).toEqual([]);
    expect(after.size).toBe(before.size);
    expect([...after.entries()]).toEqual([...before.entries()]);

    // And nothing changes later either, once the library and the worker pool have closed.
    await api.close();
    h = undefined;
    expect(differences(before, await snapshotTree(root))).toEqual([]);
  });
});
