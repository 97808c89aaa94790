import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exportLibrary } from '../../src/main/core/library-export/export-library';
import { importLibrary } from '../../src/main/core/library-export/import-library';
import type { ExportDocument } from '../../src/main/core/library-export/export-format';
import type { Core } from '../../src/main/core/create-core';
import {
  createTempCore,
  expectAppError,
  recordEvents,
  snapshotSessionTables,
  type TempCore,
} from '../helpers/temp-core';
import { makeTempDir, removeTempDirs } from '../helpers/library-files';
import { writeImage } from './artwork-images';

const temps: TempCore[] = [];

afterEach(() => {
  for (const temp of temps.splice(0)) temp.cleanup();
  removeTempDirs();
});

function tempCore(): TempCore {
  const temp = createTempCore({
    automaticBackups: null,
    backgroundCheckDelayMs: null,
    projectReader: null,
    peaksSource: null,
    findMixdowns: null,
  });
  temps.push(temp);
  return temp;
}

/** A library with a bit of everything: tags, notes, opened sessions, previews, waveform notes, artwork, collections. */
async function richLibrary(): Promise<{ temp: TempCore; files: string }> {
  const temp = tempCore();
  const { core } = temp;
  const files = makeTempDir('sessiondock-export-files-');
  const mix = join(files, 'Night Drive mix.wav');
  const master = join(files, 'Night Drive master.mp3');
  writeFileSync(mix, 'RIFF');
  writeFileSync(master, 'ID3');
  const cover = await writeImage(join(files, 'cover.png'), 'png');

  const night = core.sessions.create({
    title: 'Night Drive, "final"',
    kind: 'ableton',
    status: 'mixing',
    accent: 'teal',
    client: 'Señorita Records',
    tags: ['Vocals', 'club, mix', 'priority'],
    notes: 'Line one\nLine "two", with a comma\r\n=SUM(A1:A2) is text\n🎛️ ünïcødé',
    projectPath: join(files, 'Night Drive.als'),
  });
  const mixPreview = core.previews.attach(night.id, { path: mix });
  core.previews.attach(night.id, { path: master, name: 'Master', preferred: true });
  core.waveformNotes.replace(night.id, mixPreview.id, {
    notes: [
      { timestamp: 12.5, text: 'Kick too loud' },
      { timestamp: 61, text: 'Vocal comes in\nlate' },
    ],
  });
  core.sessions.markOpened(night.id);
  await core.artwork.setFromPath(night.id, { path: cover });

  const sketch = core.sessions.create({ title: 'Sketch 4', kind: 'reaper', tags: ['idea'] });
  const plain = core.sessions.create({ title: '-minus first' });

  const album = core.collections.create({ name: 'Album' });
  core.collections.setSessions(album.id, { sessionIds: [plain.id, night.id, sketch.id] });
  core.collections.create({ name: 'Mixing now', query: { status: 'mixing', tags: ['vocals'] } });
  core.collections.create({ name: 'Empty' });
  return { temp, files };
}

/** Everything a library says about its sessions and collections, as the app reads it. */
function contents(core: Core): unknown {
  const sessions = core.sessions.list({ limit: 500, sort: 'title' }).data;
  return {
    sessions: sessions.map((session) => ({
      session,
      lanes: session.previews.map((preview) => core.waveformNotes.get(session.id, preview.id)),
      artwork: core.artwork.get(session.id),
    })),
    collections: core.collections.list().map((collection) => ({
      collection,
      members:
        collection.kind === 'manual'
          ? core.sessions.list({ collection: collection.id, limit: 500 }).data.map((session) => session.id)
          : null,
    })),
    tags: core.sessions.tagCounts(),
  };
}

function exportPath(name: string): string {
  return join(makeTempDir('sessiondock-export-'), name);
}

describe('export to JSON and import from it', () => {
  it('export → import into an empty library gives the same sessions, previews, notes, artwork and collections', async () => {
    const { temp } = await richLibrary();
    const path = exportPath('library.json');
    const summary = await exportLibrary(temp.core, { format: 'json', path });
    expect(summary).toMatchObject({ path, format: 'json', sessions: 3, collections: 3 });
    expect(summary.bytes).toBe(readFileSync(path).length);

    const document = JSON.parse(readFileSync(path, 'utf8')) as ExportDocument;
    expect(document).toMatchObject({ format: 'sessiondock-export', version: 1 });
    expect(document.sessions).toHaveLength(3);

    const empty = tempCore();
    const events = recordEvents(empty.core);
    const imported = await importLibrary(empty.core, path);
    expect(imported).toEqual({
      path,
      sessions: { added: 3, updated: 0, unchanged: 0 },
      collections: { added: 3, updated: 0, unchanged: 0 },
      renumbered: 0,
      missingMembers: 0,
      renamed: [],
    });
    expect(contents(empty.core)).toEqual(contents(temp.core));
    expect(events.events.map((event) => event.type)).toEqual([
      'sessions.created',
      'collection.created',
      'collection.created',
      'collection.created',
    ]);

    // The imported library works like any other: search, facets, integrity.
    expect(empty.core.sessions.list({ q: 'senorita' }).data.map((session) => session.title)).toEqual([
      'Night Drive, "final"',
    ]);
    expect(empty.core.sessions.list({ status: 'mixing' }).meta.total).toBe(1);
    expect(empty.core.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(empty.core.db.pragma('foreign_key_check')).toEqual([]);
    expect(() =>
      empty.core.db.exec("INSERT INTO sessions_fts (sessions_fts) VALUES ('integrity-check')"),
    ).not.toThrow();

    // Importing the same file again changes nothing.
    const before = snapshotSessionTables(empty.core);
    expect((await importLibrary(empty.core, path)).sessions).toEqual({ added: 0, updated: 0, unchanged: 3 });
    expect(snapshotSessionTables(empty.core)).toEqual(before);
  });

  it('merges by id: newer sessions replace older ones, older or equal ones are left alone', async () => {
    const source = tempCore();
    const a = source.core.sessions.create({ title: 'A', tags: ['one'] });
    const b = source.core.sessions.create({ title: 'B' });
    const path = exportPath('merge.json');

    // The target has A in an older state, B in a newer one, and a session of its own.
    const target = tempCore();
    await exportLibrary(source.core, { format: 'json', path });
    await importLibrary(target.core, path);
    target.clock.advance(30_000);
    target.core.sessions.patch(b.id, { title: 'B edited later' });
    const own = target.core.sessions.create({ title: 'Own' });
    source.clock.advance(60_000);
    source.core.sessions.patch(a.id, { title: 'A edited', tags: ['one', 'two'], status: 'done' });
    await exportLibrary(source.core, { format: 'json', path });

    const summary = await importLibrary(target.core, path);
    expect(summary.sessions).toEqual({ added: 0, updated: 1, unchanged: 1 });
    expect(target.core.sessions.get(a.id)).toEqual(source.core.sessions.get(a.id));
    expect(target.core.sessions.get(b.id).title).toBe('B edited later');
    expect(target.core.sessions.get(own.id).title).toBe('Own');
    expect(target.core.sessions.tagCounts()).toEqual([
      { tag: 'one', count: 1 },
      { tag: 'two', count: 1 },
    ]);
  });

  it('gives previews and notes new ids when another session already has theirs', async () => {
    const { temp } = await richLibrary();
    const path = exportPath('ids.json');
    await exportLibrary(temp.core, { format: 'json', path });
    const document = JSON.parse(readFileSync(path, 'utf8')) as ExportDocument;
    // The same previews and notes, under a session id the library does not have.
    const night = document.sessions.find((session) => session.title.startsWith('Night'))!;
    const copy = { ...night, id: 'session_01jdx0000000000000000000zz', title: 'Copy' };
    writeFileSync(path, JSON.stringify({ ...document, sessions: [copy], collections: [] }));

    const summary = await importLibrary(temp.core, path);
    expect(summary.sessions.added).toBe(1);
    expect(summary.renumbered).toBe(4);
    const imported = temp.core.sessions.get(copy.id);
    expect(imported.previews.map((preview) => preview.name)).toEqual(
      temp.core.sessions.get(night.id).previews.map((preview) => preview.name),
    );
    expect(imported.previews.every((preview) => !night.previews.some((old) => old.id === preview.id))).toBe(
      true,
    );
    const master = imported.previews.find((preview) => preview.name === 'Master')!;
    expect(imported.preferredPreviewId).toBe(master.id);
    const mix = imported.previews.find((preview) => preview.name !== 'Master')!;
    expect(temp.core.waveformNotes.get(copy.id, mix.id).notes.map((note) => note.text)).toEqual([
      'Kick too loud',
      'Vocal comes in\nlate',
    ]);
  });

  it('imports a collection whose name is taken under another name, leaving out members it cannot find', async () => {
    const source = tempCore();
    const kept = source.core.sessions.create({ title: 'Kept' });
    const album = source.core.collections.create({ name: 'Album' });
    source.core.collections.setSessions(album.id, { sessionIds: [kept.id] });
    const path = exportPath('collections.json');
    await exportLibrary(source.core, { format: 'json', path });
    const document = JSON.parse(readFileSync(path, 'utf8')) as ExportDocument;
    document.collections![0]!.sessionIds.push('session_01jdx0000000000000000000yy');
    writeFileSync(path, JSON.stringify(document));

    const target = tempCore();
    target.core.collections.create({ name: 'album' });
    const summary = await importLibrary(target.core, path);
    expect(summary.renamed).toEqual(['Album → Album (imported)']);
    expect(summary.missingMembers).toBe(1);
    expect(
      target.core.collections.list().map((collection) => [collection.name, collection.sessionCount]),
    ).toEqual([
      ['album', 0],
      ['Album (imported)', 1],
    ]);
  });

  describe('refuses a file that is not a sound export, writing nothing', () => {
    async function expectRefused(content: string | object, message: RegExp): Promise<void> {
      const { temp } = await richLibrary();
      const path = exportPath('bad.json');
      writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
      const before = snapshotSessionTables(temp.core);
      const collections = temp.core.collections.list();
      const error = await importLibrary(temp.core, path).catch((thrown: unknown) => thrown);
      expectAppError(
        () => {
          throw error;
        },
        'invalid_input',
        message,
      );
      expect(snapshotSessionTables(temp.core)).toEqual(before);
      expect(temp.core.collections.list()).toEqual(collections);
    }

    async function validDocument(): Promise<ExportDocument> {
      const { temp } = await richLibrary();
      const path = exportPath('valid.json');
      await exportLibrary(temp.core, { format: 'json', path });
      return JSON.parse(readFileSync(path, 'utf8')) as ExportDocument;
    }

    it('not JSON, not an export, or from a newer SessionDock', async () => {
      await expectRefused('{"format": "sessiondock-export", ', /not valid JSON/);
      await expectRefused({ sessions: [] }, /not a SessionDock export/);
      await expectRefused(
        { format: 'sessiondock-export', version: 2, sessions: [] },
        /newer SessionDock \(export version 2;/,
      );
    });

    it('a session that breaks a rule, deep inside, named by its place', async () => {
      const document = await validDocument();
      document.sessions[1]!.title = ' ';
      await expectRefused(document, /^sessions\[1\]: title must be a non-empty string/);

      const relative = await validDocument();
      const withPreviews = relative.sessions.findIndex((session) => session.previews.length > 0);
      relative.sessions[withPreviews]!.previews[0]!.path = 'mixes/night.wav';
      await expectRefused(
        relative,
        new RegExp(`^sessions\\[${withPreviews}\\]: previews\\[0\\]: path must be an absolute path`),
      );

      const note = await validDocument();
      note.sessions[withPreviews]!.previews.find(
        (preview) => preview.waveformNotes.length > 0,
      )!.waveformNotes[1]!.timestamp = -1;
      await expectRefused(note, /previews\[\d\]: waveformNotes\[1\]: timestamp must be a finite number/);

      const twice = await validDocument();
      twice.sessions.push(twice.sessions[0]!);
      await expectRefused(twice, /^sessions\[3\]\.id: session_\w+ appears twice in the file$/);

      const smart = await validDocument();
      smart.collections!.find((collection) => collection.kind === 'smart')!.query = { sort: 'title' };
      await expectRefused(smart, /^collections\[\d\]: query\.sort is not a filter/);
    });
  });
});

describe('export to CSV', () => {
  it('one row per session, quoted for commas, quotes and line breaks, UTF-8 with a BOM, formulas defused', async () => {
    const { temp } = await richLibrary();
    const path = exportPath('library.csv');
    const summary = await exportLibrary(temp.core, { format: 'csv', path });
    expect(summary).toMatchObject({ format: 'csv', sessions: 3, collections: null });

    const bytes = readFileSync(path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    const night = temp.core.sessions.list({ q: 'night' }).data[0]!;
    const minus = temp.core.sessions.list({ q: 'minus' }).data[0]!;
    expect(
      text.startsWith(
        'id,title,kind,status,client,tags,projectPath,lastOpened,createdAt,updatedAt,notes\r\n',
      ),
    ).toBe(true);
    expect(text).toContain(
      `${night.id},"Night Drive, ""final""",${night.kind},mixing,Señorita Records,"Vocals, club, mix, priority",${night.projectPath},${night.lastOpened},${night.createdAt},${night.updatedAt},"Line one\nLine ""two"", with a comma\r\n=SUM(A1:A2) is text\n🎛️ ünïcødé"\r\n`,
    );
    // A title a spreadsheet would run as a formula is shown as text.
    expect(text).toContain(`${minus.id},'-minus first,`);
    expect(text.endsWith('\r\n')).toBe(true);
  });
});

describe('writing the export file', () => {
  it('replaces an existing file only once complete, and leaves nothing else behind', async () => {
    const { temp } = await richLibrary();
    const dir = makeTempDir('sessiondock-export-');
    const path = join(dir, 'library.json');
    writeFileSync(path, 'an older export');
    await exportLibrary(temp.core, { format: 'json', path });
    expect(readdirSync(dir)).toEqual(['library.json']);
    expect((JSON.parse(readFileSync(path, 'utf8')) as ExportDocument).sessions).toHaveLength(3);
  });

  it('refuses a request it cannot write, leaving nothing behind', async () => {
    const { temp } = await richLibrary();
    const dir = makeTempDir('sessiondock-export-');
    mkdirSync(join(dir, 'folder.json'));
    const refused = async (request: unknown, message: RegExp): Promise<void> => {
      const error = await exportLibrary(temp.core, request).catch((thrown: unknown) => thrown);
      expectAppError(
        () => {
          throw error;
        },
        'invalid_input',
        message,
      );
    };
    await refused({ format: 'json', path: join(dir, 'folder.json') }, /is a folder$/);
    await refused(
      { format: 'json', path: join(dir, 'missing', 'library.json') },
      /^the folder .* does not exist$/,
    );
    await refused({ format: 'json', path: 'library.json' }, /^path must be an absolute file path$/);
    await refused({ format: 'xml', path: join(dir, 'library.xml') }, /^format must be one of: json, csv$/);
    expect(readdirSync(dir)).toEqual(['folder.json']);
  });
});
