import { describe, expect, it } from 'vitest';
import type { ImportStatus } from '../../src/shared/domain';
import { createCountsStore } from '../../src/renderer/src/stores/counts-store';
import { createImportStore } from '../../src/renderer/src/stores/import-store';
import { createPlayerStore, type AudioLike } from '../../src/renderer/src/stores/player-store';
import { fakeDeps, makeSession, settle } from './fakes';

describe('counts store', () => {
  it('recounts once, after a pause, and only for changes that move a count', async () => {
    const { bridge, clock, deps } = fakeDeps();
    createCountsStore(deps);
    const session = makeSession({ status: 'idea' });
    await bridge.emit('sessions:changed', { type: 'updated', session }); // first sight: unknown shape
    await bridge.emit('sessions:changed', { type: 'updated', session: { ...session, title: 'Typed' } });
    await bridge.emit('sessions:changed', { type: 'updated', session: { ...session, status: 'done' } });
    await clock.advance(399);
    expect(bridge.calls).toHaveLength(0);
    await clock.advance(1);
    expect(bridge.pending('tagCounts')).toHaveLength(1);
    const before = bridge.calls.length;
    await bridge.emit('sessions:changed', {
      type: 'updated',
      session: { ...session, status: 'done', notes: 'x' },
    });
    await clock.advance(1000);
    expect(bridge.calls).toHaveLength(before);
  });
});

const status = (importId: string, completed: number, done: boolean): ImportStatus =>
  ({ importId, total: 3, completed, failed: 0, skipped: 0, done }) as unknown as ImportStatus;

describe('import store', () => {
  it('ignores the answer to a scan that was closed or replaced', async () => {
    const { bridge, deps } = fakeDeps();
    const store = createImportStore(deps);
    void store.getState().scanFolder('/music/old');
    await settle();
    const old = bridge.only('scanFolder');
    void store.getState().scanFolder('/music/new');
    await settle();
    const fresh = bridge.pending('scanFolder')[1]!;
    const found = (root: string) => ({
      root,
      projects: [{ path: `${root}/a.als`, kind: 'Ableton', isBundle: false, inLibrary: false }],
      problems: [],
      durationMs: 1,
    });
    await fresh.ok(found('/music/new'));
    await old.ok(found('/music/old'));
    expect(store.getState().scan?.root).toBe('/music/new');
    expect([...store.getState().chosen]).toEqual(['/music/new/a.als']);
  });

  it('keeps progress that overtook the reply to startImport', async () => {
    const { bridge, deps } = fakeDeps();
    const store = createImportStore(deps);
    void store.getState().scanFolder('/m');
    await settle();
    await bridge.only('scanFolder').ok({
      root: '/m',
      projects: [{ path: '/m/a.als', kind: 'Ableton', isBundle: false, inLibrary: false }],
      problems: [],
      durationMs: 1,
    });
    void store.getState().startImport();
    await settle();
    const start = bridge.only('startImport');
    await bridge.emit('import:progress', status('job-1', 2, false));
    await start.ok(status('job-1', 0, false));
    expect(store.getState().progress).toMatchObject({ importId: 'job-1', completed: 2 });
  });
});

class FakeAudio implements AudioLike {
  preload = '';
  src = '';
  currentTime = 0;
  duration = Number.NaN;
  paused = true;
  ended = false;
  async play(): Promise<void> {
    this.paused = false;
  }
  pause(): void {
    this.paused = true;
  }
  load(): void {}
  getAttribute(name: string): string | null {
    return name === 'src' && this.src !== '' ? this.src : null;
  }
  removeAttribute(name: string): void {
    if (name === 'src') this.src = '';
  }
  addEventListener(): void {}
}

describe('player store', () => {
  it('plays the preview asked last, whatever order the media URLs come back in', async () => {
    const { bridge, deps } = fakeDeps();
    const audio = new FakeAudio();
    const store = createPlayerStore({
      ...deps,
      createAudio: () => audio,
      frames: { request: () => 1, cancel: () => {} },
    });
    void store.getState().play('s1', 'p1');
    await settle();
    void store.getState().play('s1', 'p2');
    await settle();
    const [first, second] = bridge.pending('previewMediaUrl');
    await second!.ok('media://p2');
    await first!.ok('media://p1');
    expect(audio.src).toBe('media://p2');
    expect(store.getState().previewId).toBe('p2');
  });

  it('stops when the playing session is deleted', async () => {
    const { bridge, deps } = fakeDeps();
    const audio = new FakeAudio();
    const store = createPlayerStore({
      ...deps,
      createAudio: () => audio,
      frames: { request: () => 1, cancel: () => {} },
    });
    void store.getState().play('s1', 'p1');
    await settle();
    await bridge.only('previewMediaUrl').ok('media://p1');
    expect(audio.paused).toBe(false);
    await bridge.emit('sessions:changed', { type: 'deleted', id: 's1' });
    expect(audio.paused).toBe(true);
    expect(audio.src).toBe('');
    expect(store.getState().sessionId).toBeNull();
  });
});
