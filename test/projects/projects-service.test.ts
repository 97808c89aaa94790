// The project service on a real library: reads after create and relink (in the real worker pool),
// skips unchanged files, re-reads changed ones, stores plugins and missing samples, feeds the list's
// project filters, and never lets a bad file stop anything.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTempCore, type TempCore } from '../helpers/temp-core';
import { createCore } from '../../src/main/core/create-core';
import type { ProjectReadSource } from '../../src/main/core/projects/project-pool';
import { readProjectAt } from '../../src/main/core/projects/read-project';

function reaperProject(tempo: number, plugins: string[], samples: string[]): string {
  return [
    '<REAPER_PROJECT 0.1 "6.69/win64" 1666993213',
    `  TEMPO ${tempo} 4 4`,
    '  <TRACK {A}',
    '    NAME Lead',
    '    <FXCHAIN',
    ...plugins.map((plugin) => `      <VST "VSTi: ${plugin}" x.dll 0 "" 1\n      >`),
    '    >',
    ...samples.map((sample) => `    <ITEM\n      <SOURCE WAVE\n        FILE "${sample}"\n      >\n    >`),
    '  >',
    '>',
  ].join('\n');
}

/** Counts reads, so a test can tell a cached answer from a fresh read. */
function countingReader(): ProjectReadSource & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    read(path) {
      reads.push(path);
      return Promise.resolve(readProjectAt(path));
    },
  };
}

describe('ProjectsService', () => {
  let temp: TempCore;
  let folder: string;
  let reader: ReturnType<typeof countingReader>;

  beforeEach(() => {
    reader = countingReader();
    temp = createTempCore({ projectReader: reader, projectBackfillDelayMs: null });
    folder = mkdtempSync(join(tmpdir(), 'sessiondock-projects-'));
    mkdirSync(join(folder, 'Audio'));
    writeFileSync(join(folder, 'Audio', 'kick.wav'), 'RIFF');
  });
  afterEach(() => {
    temp.cleanup();
    rmSync(folder, { recursive: true, force: true });
  });

  it('reads a project after the session is created, and answers pending until then', async () => {
    const path = join(folder, 'Song.rpp');
    writeFileSync(
      path,
      reaperProject(128, ['Serum (Xfer Records)', 'Serum (Xfer Records)'], ['Audio/kick.wav', 'gone.wav']),
    );
    const session = temp.core.sessions.create({ title: 'Song', projectPath: path });
    expect(temp.core.projects.project(session.id).status).toBe('pending');
    await temp.core.projects.whenIdle();
    const view = temp.core.projects.project(session.id);
    expect(view).toMatchObject({
      status: 'ready',
      message: null,
      dawVersion: 'REAPER 6.69',
      tempo: 128,
      timeSignature: '4/4',
      sampleCount: 2,
      missingSampleCount: 1,
    });
    expect(view.plugins).toEqual([{ name: 'Serum', vendor: 'Xfer Records', format: 'VST', instances: 2 }]);
    expect(view.samples.find((sample) => !sample.exists)?.storedPath).toBe('gone.wav');
    expect(temp.core.projects.plugins()).toEqual([
      { name: 'Serum', vendor: 'Xfer Records', format: 'VST', sessions: 1 },
    ]);
  });

  it('skips an unchanged file and reads a changed one again', async () => {
    const path = join(folder, 'Song.rpp');
    writeFileSync(path, reaperProject(100, [], []));
    const session = temp.core.sessions.create({ title: 'Song', projectPath: path });
    await temp.core.projects.whenIdle();
    temp.core.sessions.patch(session.id, { title: 'Song 2' });
    await temp.core.projects.whenIdle();
    expect(reader.reads).toHaveLength(1);

    writeFileSync(path, reaperProject(140, [], []));
    utimesSync(path, new Date(), new Date(Date.now() + 5_000));
    temp.core.projects.project(session.id); // sees the change and schedules a read
    await temp.core.projects.whenIdle();
    expect(reader.reads).toHaveLength(2);
    expect(temp.core.projects.project(session.id).tempo).toBe(140);

    // The list's columns for the rows on screen check them too.
    writeFileSync(path, reaperProject(150, [], []));
    utimesSync(path, new Date(), new Date(Date.now() + 10_000));
    temp.core.projects.summaries([session.id]);
    await temp.core.projects.whenIdle();
    expect(temp.core.projects.summaries([session.id])[session.id]).toMatchObject({
      tempo: 150,
      status: 'ready',
    });
    expect(reader.reads).toHaveLength(3);
  });

  it('reads the new project after a relink, and drops what it read when the project is gone', async () => {
    const first = join(folder, 'A.rpp');
    const second = join(folder, 'B.rpp');
    writeFileSync(first, reaperProject(90, ['Diva (u-he)'], []));
    writeFileSync(second, reaperProject(170, ['Pigments (Arturia)'], []));
    const session = temp.core.sessions.create({ title: 'Song', projectPath: first });
    await temp.core.projects.whenIdle();
    temp.core.sessions.patch(session.id, { projectPath: second });
    await temp.core.projects.whenIdle();
    expect(temp.core.projects.project(session.id)).toMatchObject({ tempo: 170, projectPath: second });
    expect(temp.core.projects.plugins().map((plugin) => plugin.name)).toEqual(['Pigments']);

    rmSync(second);
    expect(temp.core.projects.project(session.id).status).toBe('missing');
    await temp.core.projects.whenIdle();
    expect(temp.core.projects.plugins()).toEqual([]);
  });

  it('stores an unreadable or unsupported file with its reason and goes on with the rest', async () => {
    const broken = join(folder, 'Broken.rpp');
    const other = join(folder, 'Other.xyz');
    const good = join(folder, 'Good.rpp');
    writeFileSync(broken, 'not a project at all');
    writeFileSync(other, 'x');
    writeFileSync(good, reaperProject(120, [], []));
    const ids = [broken, other, good].map(
      (path) => temp.core.sessions.create({ title: 'S', projectPath: path }).id,
    );
    await temp.core.projects.whenIdle();
    const [a, b, c] = ids.map((id) => temp.core.projects.project(id));
    expect(a).toMatchObject({ status: 'unreadable' });
    expect(a!.message).toMatch(/^The project file cannot be read: /);
    expect(b).toMatchObject({ status: 'unsupported' });
    expect(c).toMatchObject({ status: 'ready', tempo: 120 });
  });

  it('answers the list’s project filters: plugin, tempo range, key and missing samples', async () => {
    const make = (name: string, tempo: number, plugins: string[], samples: string[]): string => {
      const path = join(folder, `${name}.rpp`);
      writeFileSync(path, reaperProject(tempo, plugins, samples));
      return temp.core.sessions.create({ title: name, projectPath: path }).id;
    };
    make('Slow', 80, ['Serum (Xfer Records)'], ['Audio/kick.wav']);
    make('Mid', 120, ['serum (Xfer Records)', 'Diva (u-he)'], ['gone.wav']);
    make('Fast', 174, ['Diva (u-he)'], []);
    await temp.core.projects.whenIdle();
    const titles = (query: Record<string, unknown>): string[] =>
      temp.core.sessions.list({ ...query, sort: 'title' }).data.map((session) => session.title);
    expect(titles({ plugin: 'SERUM' })).toEqual(['Mid', 'Slow']);
    expect(titles({ tempoMin: '100' })).toEqual(['Fast', 'Mid']);
    expect(titles({ tempoMin: 100, tempoMax: 130 })).toEqual(['Mid']);
    expect(titles({ missingSamples: 'true' })).toEqual(['Mid']);
    expect(titles({ plugin: 'Diva', tempoMax: '150' })).toEqual(['Mid']);
    expect(temp.core.sessions.list({ plugin: 'Diva' }).meta.total).toBe(2);
    expect(titles({ key: 'C minor' })).toEqual([]);
    expect(temp.core.projects.missingSamplesCount()).toBe(1);
    expect(temp.core.projects.plugins()).toEqual([
      { name: 'Diva', vendor: 'u-he', format: 'VST', sessions: 2 },
      { name: 'Serum', vendor: 'Xfer Records', format: 'VST', sessions: 2 },
    ]);
  });

  it('reads what an import added, after the import answered', async () => {
    const paths = [90, 100, 110].map((tempo) => {
      const path = join(folder, `Imported ${tempo}.rpp`);
      writeFileSync(path, reaperProject(tempo, ['Diva (u-he)'], []));
      return path;
    });
    const started = temp.core.imports.start({ items: paths.map((projectPath) => ({ projectPath })) });
    expect(reader.reads).toEqual([]); // the answer came first
    await expect.poll(() => temp.core.imports.status(started.importId).done, { timeout: 10_000 }).toBe(true);
    await temp.core.projects.whenIdle();
    expect(reader.reads.sort()).toEqual([...paths].sort());
    expect(temp.core.sessions.list({ plugin: 'diva', tempoMin: 95 }).meta.total).toBe(2);
  });

  it('forgets a deleted session’s plugins', async () => {
    const path = join(folder, 'Song.rpp');
    writeFileSync(path, reaperProject(100, ['Diva (u-he)'], []));
    const session = temp.core.sessions.create({ title: 'Song', projectPath: path });
    await temp.core.projects.whenIdle();
    temp.core.sessions.delete(session.id);
    expect(temp.core.projects.plugins()).toEqual([]);
    expect(temp.core.sessions.list({ plugin: 'Diva' }).meta.total).toBe(0);
  });
});

describe('ProjectsService with the real worker pool', () => {
  it('reads in a worker thread, and the backfill reads sessions created before it started', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'sessiondock-projects-'));
    const temp = createTempCore({ projectBackfillDelayMs: 0 });
    try {
      const path = join(folder, 'Song.rpp');
      writeFileSync(path, reaperProject(133, [], []));
      const session = temp.core.sessions.create({ title: 'Song', projectPath: path });
      temp.core.db.prepare('DELETE FROM project_metadata').run();
      await temp.core.projects.refresh(session.id);
      expect(temp.core.projects.project(session.id)).toMatchObject({ status: 'ready', tempo: 133 });
    } finally {
      temp.cleanup();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('the backfill', () => {
  it('reads sessions never read, then remembers where it got to', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'sessiondock-projects-'));
    const dataDir = join(folder, 'data');
    try {
      const seeding = createCore({ dataDir, projectReader: null, projectBackfillDelayMs: null });
      const present = join(folder, 'Here.rpp');
      writeFileSync(present, reaperProject(101, [], []));
      const ids = [
        seeding.sessions.create({ title: 'Gone', projectPath: join(folder, 'Gone.rpp') }).id,
        seeding.sessions.create({ title: 'Here', projectPath: present }).id,
      ];
      seeding.close();

      const reader = countingReader();
      const first = createCore({ dataDir, projectReader: reader, projectBackfillDelayMs: 0 });
      await expect.poll(() => first.projects.project(ids[1]!).status).toBe('ready');
      await first.projects.whenIdle();
      expect(reader.reads).toEqual([present]);
      await expect
        .poll(() =>
          first.db
            .prepare("SELECT value FROM settings WHERE key = 'projects.backfilledThrough'")
            .pluck()
            .get(),
        )
        .toBe(String(first.db.prepare('SELECT max(seq) FROM sessions').pluck().get()));
      first.close();

      // The next start looks only past the mark: the session whose project is gone is not looked at again.
      const again = createCore({ dataDir, projectReader: reader, projectBackfillDelayMs: 0 });
      const unread = (
        again.projects as unknown as {
          store: { unread(after: number, n: number): unknown[]; backfillMark(): number };
        }
      ).store;
      expect(unread.unread(unread.backfillMark(), 10)).toEqual([]);
      expect(unread.unread(0, 10)).toHaveLength(1);
      again.close();
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
