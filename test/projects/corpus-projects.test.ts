// Every project in the shared corpus, read the way the app reads them: sessions in a real library,
// the real worker pool, the stored result. A copy of the corpus is hashed before and after: reading
// metadata writes nothing into a project folder.
import { cp } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempCore, type TempCore } from '../helpers/temp-core';
import { makeTempDir, removeTempDirs, snapshotTree } from '../scan/fixtures';
import { CORPUS_PROJECTS, findCorpusProjects } from '../../bench/lib/corpus-projects';
import type { ProjectView } from '../../src/shared/project-metadata';

const CORPUS = CORPUS_PROJECTS;
describe.skipIf(!existsSync(CORPUS))(
  'every corpus project through the app (skipped: ../shared/corpus is absent)',
  () => {
    let temp: TempCore;
    let copy: string;
    let views: Map<string, ProjectView>;
    let before: Map<string, string>;

    beforeAll(async () => {
      copy = join(await makeTempDir('sessiondock-corpus-'), 'projects');
      await cp(CORPUS, copy, { recursive: true, preserveTimestamps: true });
      before = await snapshotTree(copy);
      temp = createTempCore({ projectBackfillDelayMs: null });
      const ids = new Map<string, string>();
      for (const path of findCorpusProjects(copy)) {
        ids.set(relative(copy, path), temp.core.sessions.create({ title: 'corpus', projectPath: path }).id);
      }
      await temp.core.projects.whenIdle();
      views = new Map([...ids].map(([path, id]) => [path, temp.core.projects.project(id)]));
    }, 120_000);
    afterAll(async () => {
      temp?.cleanup();
      await removeTempDirs();
    });

    it('writes nothing into any project folder', async () => {
      expect(await snapshotTree(copy)).toEqual(before);
    });

    it('reads every DAW’s projects, and says why for the ones it cannot', () => {
      const byStatus = (status: string): string[] =>
        [...views].filter(([, view]) => view.status === status).map(([path]) => path);
      expect(views.size).toBeGreaterThanOrEqual(40);
      expect(byStatus('pending')).toEqual([]);
      expect(byStatus('missing')).toEqual([]);
      // Pro Tools sessions are obfuscated: all of them, and nothing else, are unsupported.
      expect(byStatus('unsupported').every((path) => /\.pt[xfs]$/i.test(path))).toBe(true);
      expect(byStatus('unsupported')).toHaveLength(7);
      for (const path of byStatus('unreadable')) {
        // Only the deliberately broken files: FL's corrupted headers and Cubase's cut-short files.
        expect(path).toMatch(/corrupted|cut|truncat|short|invalid/i);
        expect(views.get(path)!.message).toMatch(/^The project file cannot be read: .+/);
      }
      const ready = byStatus('ready');
      for (const folder of [
        'ableton',
        'reaper',
        'studio-one',
        'dawproject',
        'logic',
        'garageband',
        'bitwig',
        'fl-studio',
        'cubase',
      ]) {
        expect(
          ready.some((path) => path.startsWith(`${folder}/`)),
          folder,
        ).toBe(true);
      }
    });

    it('stores what the files say: versions, tempos, plugins and missing samples', () => {
      const view = (suffix: string): ProjectView => [...views].find(([path]) => path.endsWith(suffix))![1];
      expect(view('test_project/test_project.als')).toMatchObject({
        dawVersion: 'Ableton Live 11.0',
        tempo: 160,
      });
      expect(view('FL 20.8.4.flp').plugins.map((plugin) => plugin.name)).toContain('Sylenth1');
      expect(view('surf.band')).toMatchObject({
        dawVersion: expect.stringMatching(/^GarageBand 10\.4/),
        tempo: 110,
      });
      expect(view('flying-nothing')).toMatchObject({
        dawVersion: expect.stringMatching(/^Logic Pro X 10\.4/),
        tempo: 75,
      });
      const plugins = temp.core.projects.plugins();
      expect(plugins.find((plugin) => plugin.name === 'Sylenth1')?.sessions).toBeGreaterThanOrEqual(2);
      expect(temp.core.sessions.list({ plugin: 'sylenth1' }).meta.total).toBe(
        [...views.values()].filter((v) =>
          v.plugins.some((plugin) => plugin.name.toLowerCase() === 'sylenth1'),
        ).length,
      );
      expect(temp.core.projects.missingSamplesCount()).toBeGreaterThan(0);
    });
  },
);
