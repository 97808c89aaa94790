// The window's project stores (issue 12 §2) under Node with a fake bridge and a hand-driven clock:
// the list's summaries per chunk and in batches after reads, the sidebar's counts, the detail
// panel's Project section, the project filters in the list query, and the filter control's checks.
import { describe, expect, it } from 'vitest';
import type { ListQueryInput, SessionChange } from '../../src/shared/ipc';
import type { ProjectSummary, ProjectView } from '../../src/shared/project-metadata';
import { checkFilterDraft, tempoFilterLabel } from '../../src/renderer/src/lib/project-filter-input';
import { formatSampleRate, formatTempo, versionNumberOf } from '../../src/renderer/src/lib/project-format';
import { createLibraryStore } from '../../src/renderer/src/stores/library-store';
import { DEFAULT_QUERY, toListQuery } from '../../src/renderer/src/stores/library-query';
import { createProjectDetailStore } from '../../src/renderer/src/stores/project-detail-store';
import {
  createProjectSummaryStore,
  READ_BATCH_MAX_MS,
  READ_BATCH_MS,
} from '../../src/renderer/src/stores/project-summary-store';
import { createProjectUsageStore, USAGE_REFRESH_MS } from '../../src/renderer/src/stores/project-usage-store';
import { fakeDeps, makeSession, settle } from './fakes';

const summary = (tempo: number | null): ProjectSummary => ({
  status: tempo === null ? 'pending' : 'ready',
  dawVersion: tempo === null ? null : 'REAPER 7.12',
  tempo,
  missingSampleCount: 0,
});

const answerSummaries = (ids: string[], tempo: number | null): Record<string, ProjectSummary> =>
  Object.fromEntries(ids.map((id) => [id, summary(tempo)]));

describe('project summaries for the list', () => {
  it('asks once per chunk of rows, and never again for rows it has', async () => {
    const { bridge, clock, deps } = fakeDeps();
    const store = createProjectSummaryStore(deps);
    const rows = Array.from({ length: 100 }, (_, i) => makeSession({ projectPath: `/p/${i}.rpp` }));
    store.getState().request(rows);
    await clock.advance(0);
    const call = bridge.only('projectSummaries');
    expect(call.args[0]).toHaveLength(100);
    await call.ok(answerSummaries(call.args[0] as string[], 120));
    expect(store.getState().summaries.get(rows[5]!.id)?.tempo).toBe(120);

    store.getState().request(rows.slice(0, 50));
    await clock.advance(1000);
    expect(bridge.pending('projectSummaries')).toHaveLength(0);
  });

  it('turns a burst of reads into one call, and keeps filling in during a long one', async () => {
    const { bridge, clock, deps } = fakeDeps();
    const store = createProjectSummaryStore(deps);
    const rows = Array.from({ length: 300 }, () => makeSession({ projectPath: '/p/x.rpp' }));
    store.getState().request(rows);
    await clock.advance(0);
    const first = bridge.only('projectSummaries');
    await first.ok(answerSummaries(first.args[0] as string[], null));

    // 300 reads land 10 ms apart: the quiet delay never passes, the ceiling does.
    for (const row of rows.slice(0, 200)) {
      await bridge.emit('projects:read', { sessionId: row.id });
      await clock.advance(10);
    }
    // One call at the ceiling (the first 150 reads); the rest wait for the stream to go quiet.
    const calls = bridge.pending('projectSummaries');
    expect(calls).toHaveLength(1);
    expect(calls[0]!.args[0]).toHaveLength(READ_BATCH_MAX_MS / 10);
    await calls[0]!.ok(answerSummaries(calls[0]!.args[0] as string[], 128));
    expect(store.getState().summaries.get(rows[0]!.id)?.tempo).toBe(128);
    // A read for a session never shown asks nothing: its row loads its own.
    await bridge.emit('projects:read', { sessionId: 'never-shown' });
    await clock.advance(READ_BATCH_MS);
    const asked = bridge.pending('projectSummaries').flatMap((call) => call.args[0] as string[]);
    expect(asked).not.toContain('never-shown');
  });

  it('asks again after a relink, not after other edits, and forgets deleted sessions', async () => {
    const { bridge, clock, deps } = fakeDeps();
    const store = createProjectSummaryStore(deps);
    const session = makeSession({ projectPath: '/p/a.rpp' });
    store.getState().request([session]);
    await clock.advance(0);
    await bridge.only('projectSummaries').ok(answerSummaries([session.id], 100));

    const change = (changes: Partial<typeof session>): SessionChange => ({
      type: 'updated',
      session: { ...session, ...changes },
    });
    await bridge.emit('sessions:changed', change({ notes: 'typing' }));
    await clock.advance(READ_BATCH_MAX_MS);
    expect(bridge.pending('projectSummaries')).toHaveLength(0);

    await bridge.emit('sessions:changed', change({ projectPath: '/gone/a.rpp' }));
    await clock.advance(READ_BATCH_MS);
    await bridge.only('projectSummaries').ok({});
    expect(store.getState().summaries.has(session.id)).toBe(false);

    store.getState().request([{ ...session, projectPath: '/gone/a.rpp' }]);
    await clock.advance(0);
    await bridge.only('projectSummaries').ok(answerSummaries([session.id], 90));
    await bridge.emit('sessions:changed', { type: 'deleted', id: session.id });
    expect(store.getState().summaries.has(session.id)).toBe(false);
  });

  it('asks again for a session whose read landed while its answer was on the way', async () => {
    const { bridge, clock, deps } = fakeDeps();
    const store = createProjectSummaryStore(deps);
    const session = makeSession({ projectPath: '/p/a.rpp' });
    store.getState().request([session]);
    await clock.advance(0);
    const first = bridge.only('projectSummaries');
    await first.ok(answerSummaries([session.id], null));
    await bridge.emit('projects:read', { sessionId: session.id });
    await clock.advance(READ_BATCH_MS);
    const second = bridge.only('projectSummaries');
    await bridge.emit('projects:read', { sessionId: session.id });
    await second.ok(answerSummaries([session.id], null));
    await clock.advance(READ_BATCH_MS);
    await bridge.only('projectSummaries').ok(answerSummaries([session.id], 140));
    expect(store.getState().summaries.get(session.id)?.tempo).toBe(140);
  });
});

describe('the sidebar project counts', () => {
  it('refreshes once after a burst of reads, and after a relink or a delete, not after typing', async () => {
    const { bridge, clock, deps } = fakeDeps();
    const store = createProjectUsageStore(deps);
    for (let i = 0; i < 50; i++) await bridge.emit('projects:read', { sessionId: `s${i}` });
    await clock.advance(USAGE_REFRESH_MS);
    await bridge.only('pluginUsage').ok([{ name: 'Serum', vendor: null, format: 'VST3', sessions: 2 }]);
    await bridge.only('missingSamplesCount').ok(3);
    expect(store.getState().plugins).toHaveLength(1);
    expect(store.getState().missingSamples).toBe(3);

    const session = makeSession({ projectPath: '/p/a.rpp' });
    await bridge.emit('sessions:changed', { type: 'updated', session });
    await clock.advance(USAGE_REFRESH_MS);
    await bridge.only('pluginUsage').ok([]);
    await bridge.only('missingSamplesCount').ok(0);
    await bridge.emit('sessions:changed', { type: 'updated', session: { ...session, title: 'Typed' } });
    await bridge.emit('sessions:changed', { type: 'created', session });
    await clock.advance(USAGE_REFRESH_MS * 4);
    expect(bridge.pending('pluginUsage')).toHaveLength(0);
    await bridge.emit('sessions:changed', { type: 'deleted', id: session.id });
    await clock.advance(USAGE_REFRESH_MS);
    expect(bridge.pending('pluginUsage')).toHaveLength(1);
  });
});

const view = (
  sessionId: string,
  status: ProjectView['status'],
  tempo: number | null = null,
): ProjectView => ({
  sessionId,
  projectPath: `/p/${sessionId}.rpp`,
  status,
  message: status === 'ready' ? null : 'The project file has not been read yet.',
  readAt: null,
  dawVersion: null,
  tempo,
  timeSignature: null,
  key: null,
  sampleRate: null,
  trackCount: 0,
  tracks: [],
  plugins: [],
  samples: [],
  savedAt: null,
  sampleCount: 0,
  missingSampleCount: 0,
});

describe('the Project section', () => {
  it('fills a pending project in when its read lands, ignoring other sessions’ reads', async () => {
    const { bridge, deps } = fakeDeps();
    const store = createProjectDetailStore(deps);
    store.getState().show('a');
    await settle();
    await bridge.only('getProject').ok(view('a', 'pending'));
    expect(store.getState().view?.status).toBe('pending');

    await bridge.emit('projects:read', { sessionId: 'b' });
    expect(bridge.pending('getProject')).toHaveLength(0);
    await bridge.emit('projects:read', { sessionId: 'a' });
    await bridge.only('getProject').ok(view('a', 'ready', 128));
    expect(store.getState().view?.tempo).toBe(128);
  });

  it('drops an answer for the session shown before, and re-reads on request', async () => {
    const { bridge, deps } = fakeDeps();
    const store = createProjectDetailStore(deps);
    store.getState().show('a');
    await settle();
    const forA = bridge.only('getProject');
    store.getState().show('b');
    await settle();
    const forB = bridge.pending('getProject').find((call) => call !== forA)!;
    await forB.ok(view('b', 'ready', 90));
    await forA.ok(view('a', 'ready', 128));
    expect(store.getState().view?.sessionId).toBe('b');

    const reread = store.getState().reread();
    await settle();
    expect(store.getState().rereading).toBe(true);
    await bridge.only('refreshProject').ok(view('b', 'ready', 95));
    await reread;
    expect(store.getState()).toMatchObject({ rereading: false, view: { tempo: 95 } });
  });

  it('asks again when the shown session is relinked', async () => {
    const { bridge, deps } = fakeDeps();
    const store = createProjectDetailStore(deps);
    store.getState().show('a');
    await settle();
    await bridge.only('getProject').ok(view('a', 'ready', 128));
    const session = makeSession({ id: 'a', projectPath: '/p/a.rpp' });
    await bridge.emit('sessions:changed', { type: 'updated', session: { ...session, notes: 'x' } });
    expect(bridge.pending('getProject')).toHaveLength(0);
    await bridge.emit('sessions:changed', {
      type: 'updated',
      session: { ...session, projectPath: '/q/a.rpp' },
    });
    expect(bridge.pending('getProject')).toHaveLength(1);
  });
});

describe('project filters in the list query', () => {
  it('maps plugin, tempo, key and the Missing samples view to the list parameters', () => {
    expect(
      toListQuery(
        {
          ...DEFAULT_QUERY,
          scope: { type: 'missingSamples' },
          project: { plugin: 'Serum', tempoMin: 120, tempoMax: 130, key: 'F# minor' },
        },
        100,
        0,
      ),
    ).toEqual({
      sort: DEFAULT_QUERY.sort,
      limit: 100,
      offset: 0,
      missingSamples: true,
      plugin: 'Serum',
      tempoMin: 120,
      tempoMax: 130,
      key: 'F# minor',
    });
    expect(toListQuery(DEFAULT_QUERY, 100, 0)).toEqual({ sort: DEFAULT_QUERY.sort, limit: 100, offset: 0 });
  });

  it('restarts the list for a new filter, not for the same one, and Show everything clears them', async () => {
    const { bridge, deps } = fakeDeps();
    const store = createLibraryStore(deps);
    store.getState().reload();
    await settle();
    await bridge.only('listSessions').ok({ data: [], meta: { total: 0, limit: 100, offset: 0 } });

    store.getState().setProjectFilters({ plugin: 'Serum' });
    await settle();
    expect((bridge.only('listSessions').args[0] as ListQueryInput).plugin).toBe('Serum');
    await bridge.only('listSessions').ok({ data: [], meta: { total: 0, limit: 100, offset: 0 } });
    store.getState().setProjectFilters({ plugin: 'Serum' });
    await settle();
    expect(bridge.pending('listSessions')).toHaveLength(0);

    store.getState().showEverything();
    await settle();
    expect((bridge.only('listSessions').args[0] as ListQueryInput).plugin).toBeUndefined();
  });

  it('keeps a refused filter apart from a list that cannot load', async () => {
    const { bridge, deps } = fakeDeps();
    const store = createLibraryStore(deps);
    store.getState().reload();
    await settle();
    await bridge.only('listSessions').fail('invalid_input', 'plugin must be a plugin name');
    expect(store.getState()).toMatchObject({
      errorCode: 'invalid_input',
      error: 'plugin must be a plugin name',
    });
  });

  it('tells each loaded chunk to whoever wants its rows', async () => {
    const { bridge, deps } = fakeDeps();
    const told: string[][] = [];
    const store = createLibraryStore({ ...deps, onRowsLoaded: (rows) => told.push(rows.map((r) => r.id)) });
    store.getState().reload();
    await settle();
    const rows = [makeSession(), makeSession()];
    await bridge.only('listSessions').ok({ data: rows, meta: { total: 2, limit: 100, offset: 0 } });
    expect(told).toEqual([rows.map((row) => row.id)]);
  });
});

describe('the tempo and key filter control', () => {
  it('takes what main takes and explains the rest', () => {
    expect(checkFilterDraft({ tempoMin: ' 120 ', tempoMax: '130.5', key: 'gbm' })).toEqual({
      ok: true,
      filters: { tempoMin: 120, tempoMax: 130.5, key: 'F# minor' },
    });
    expect(checkFilterDraft({ tempoMin: '', tempoMax: '', key: '' })).toEqual({
      ok: true,
      filters: { tempoMin: null, tempoMax: null, key: null },
    });
    for (const [draft, field] of [
      [{ tempoMin: 'fast', tempoMax: '', key: '' }, 'tempoMin'],
      [{ tempoMin: '0', tempoMax: '', key: '' }, 'tempoMin'],
      [{ tempoMin: '', tempoMax: '1001', key: '' }, 'tempoMax'],
      [{ tempoMin: '-5', tempoMax: '', key: '' }, 'tempoMin'],
      [{ tempoMin: '140', tempoMax: '120', key: '' }, 'tempoMax'],
      [{ tempoMin: '', tempoMax: '', key: 'H' }, 'key'],
      [{ tempoMin: '', tempoMax: '', key: 'C '.repeat(30) }, 'key'],
    ] as const)
      expect(checkFilterDraft(draft), JSON.stringify(draft)).toMatchObject({ ok: false, field });
  });

  it('labels tempo ranges and formats project numbers', () => {
    expect(tempoFilterLabel({ tempoMin: 120, tempoMax: 130 })).toBe('Tempo 120–130 bpm');
    expect(tempoFilterLabel({ tempoMin: 120, tempoMax: null })).toBe('Tempo ≥ 120 bpm');
    expect(tempoFilterLabel({ tempoMin: null, tempoMax: 90.5 })).toBe('Tempo ≤ 90.5 bpm');
    expect(tempoFilterLabel({ tempoMin: null, tempoMax: null })).toBeNull();
    expect(formatTempo(69.42)).toBe('69.42 bpm');
    expect(formatTempo(120)).toBe('120 bpm');
    expect(formatTempo(127.99999)).toBe('128 bpm');
    expect(formatSampleRate(44100)).toBe('44.1 kHz');
    expect(formatSampleRate(48000)).toBe('48 kHz');
    expect(formatSampleRate(22050)).toBe('22.05 kHz');
    expect(versionNumberOf('Ableton Live 11.3.4')).toBe('11.3.4');
    expect(versionNumberOf('Bitwig Studio 5.1 Beta 2')).toBe('5.1 Beta 2');
    expect(versionNumberOf('REAPER')).toBe('REAPER');
  });
});
