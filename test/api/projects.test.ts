// GET /sessions/{id}/project, GET /plugins and the list's project filters over real HTTP, with
// the real worker pool reading real files, in both modes.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type ApiHarness } from '../helpers/api-harness';

const reaper = (tempo: number, plugin: string): string =>
  [
    '<REAPER_PROJECT 0.1 "7.12/linux-x86_64" 1700000000',
    `  TEMPO ${tempo} 3 4`,
    '  <TRACK {A}',
    '    NAME Keys',
    '    <FXCHAIN',
    `      <VST "VST3i: ${plugin}" x.vst3 0 "" 1`,
    '      >',
    '    >',
    '    <ITEM',
    '      <SOURCE WAVE',
    '        FILE "Audio/not here.wav"',
    '      >',
    '    >',
    '  >',
    '>',
  ].join('\n');

for (const mode of ['full-automation', 'read-only'] as const) {
  describe(`project metadata over HTTP (${mode})`, () => {
    let h: ApiHarness;
    let dir: string;
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      h = await startApi();
      dir = mkdtempSync(join(tmpdir(), 'sessiondock-api-projects-'));
      for (const [name, tempo, plugin] of [
        ['Waltz', 90, 'Serum (Xfer Records)'],
        ['Anthem', 128, 'Serum (Xfer Records)'],
        ['Rush', 174, 'Vital (Vital Audio)'],
      ] as const) {
        const path = join(dir, `${name}.rpp`);
        writeFileSync(path, reaper(tempo, plugin));
        const created = await h.request('POST', '/sessions', { body: { title: name, projectPath: path } });
        ids[name] = created.json.data.id;
      }
      const none = await h.request('POST', '/sessions', { body: { title: 'No project' } });
      ids.none = none.json.data.id;
      await h.core.projects.whenIdle();
      h.core.settings.setApiMode(mode);
    });
    afterAll(async () => {
      await h.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('answers what the project file says', async () => {
      const response = await h.request('GET', `/sessions/${ids.Anthem}/project`);
      expect(response.status).toBe(200);
      expect(response.json.data).toEqual({
        sessionId: ids.Anthem,
        projectPath: join(dir, 'Anthem.rpp'),
        status: 'ready',
        message: null,
        readAt: expect.any(String),
        dawVersion: 'REAPER 7.12',
        tempo: 128,
        timeSignature: '3/4',
        key: null,
        sampleRate: null,
        trackCount: 2,
        tracks: [
          { name: 'Master', type: 'master' },
          { name: 'Keys', type: 'instrument' },
        ],
        plugins: [{ name: 'Serum', vendor: 'Xfer Records', format: 'VST3', instances: 1 }],
        samples: [
          {
            storedPath: 'Audio/not here.wav',
            resolvedPath: join(dir, 'Audio', 'not here.wav'),
            exists: false,
          },
        ],
        sampleCount: 1,
        missingSampleCount: 1,
        savedAt: expect.any(String),
      });
    });

    it('says missing for a session without a project, and 404 for an unknown session', async () => {
      const none = await h.request('GET', `/sessions/${ids.none}/project`);
      expect(none.json.data).toMatchObject({
        status: 'missing',
        message: 'This session has no project file.',
      });
      const unknown = await h.request('GET', '/sessions/session_nope/project');
      expect(unknown.status).toBe(404);
      expect(unknown.json).toEqual({
        error: { status: 404, code: 'not_found', message: 'session not found' },
      });
    });

    it('lists plugins, most used first', async () => {
      const response = await h.request('GET', '/plugins');
      expect(response.json.data).toEqual([
        { name: 'Serum', vendor: 'Xfer Records', format: 'VST3', sessions: 2 },
        { name: 'Vital', vendor: 'Vital Audio', format: 'VST3', sessions: 1 },
      ]);
    });

    it('filters the list by plugin, tempo, key and missing samples', async () => {
      const titles = async (query: string): Promise<string[]> => {
        const response = await h.request('GET', `/sessions?sort=title&${query}`);
        expect(response.status, query).toBe(200);
        return response.json.data.map((session: { title: string }) => session.title);
      };
      expect(await titles('plugin=serum')).toEqual(['Anthem', 'Waltz']);
      expect(await titles('tempoMin=100&tempoMax=180')).toEqual(['Anthem', 'Rush']);
      expect(await titles('tempoMax=100')).toEqual(['Waltz']);
      expect(await titles('missingSamples=true')).toEqual(['Anthem', 'Rush', 'Waltz']);
      expect(await titles('key=C')).toEqual([]);
      expect(await titles('plugin=')).toEqual(['Anthem', 'No project', 'Rush', 'Waltz']);
    });

    it('refuses bad filter values with invalid_input, naming the parameter', async () => {
      for (const [query, message] of [
        ['tempoMin=fast', 'tempoMin must be a number of bpm between 1 and 1000'],
        ['tempoMax=0', 'tempoMax must be a number of bpm between 1 and 1000'],
        ['tempoMin=150&tempoMax=100', 'tempoMin must not be above tempoMax (got 150 and 100)'],
        ['key=H', 'key must be a musical key such as C, F# minor, Bbm or D dorian'],
        ['missingSamples=yes', 'missingSamples must be true or false'],
        ['plugin=a&plugin=b', 'plugin must be given at most once'],
        [
          `plugin=${'x'.repeat(201)}`,
          'plugin must be a plugin name (1 to 200 characters, no control characters)',
        ],
      ]) {
        const response = await h.request('GET', `/sessions?${query}`);
        expect(response.status, query).toBe(400);
        expect(response.json, query).toEqual({ error: { status: 400, code: 'invalid_input', message } });
      }
    });
  });
}
