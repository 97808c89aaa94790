// One audio element for the whole window, so the detail panel's player, the rows' play buttons
// and Space all drive the same playback. The element is never in the DOM; its state is mirrored
// here (the playhead every animation frame while playing, so the waveform follows smoothly).
// Audio streams from main (the app's media protocol) with Range, so seeking never loads the file.
// A factory: the bridge, the audio element and animation frames are handed in (app-stores.ts).
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import { call, messageOf } from '../lib/bridge';
import type { StoreDeps } from '../lib/store-deps';

interface PlayerState {
  sessionId: string | null;
  previewId: string | null;
  playing: boolean;
  /** Seconds. */
  currentTime: number;
  /** Seconds, 0 until the audio's metadata is known. */
  duration: number;
  error: string | null;

  /** Loads a preview (without playing) unless it is the one already loaded. */
  load(sessionId: string, previewId: string): Promise<boolean>;
  play(sessionId: string, previewId: string): Promise<void>;
  toggle(sessionId: string, previewId: string): Promise<void>;
  pause(): void;
  seek(sessionId: string, previewId: string, seconds: number): Promise<void>;
  unload(): void;
}

/** What the store uses of an HTMLAudioElement (the window hands in `new Audio()`). */
export interface AudioLike {
  preload: string;
  src: string;
  currentTime: number;
  readonly duration: number;
  readonly paused: boolean;
  readonly ended: boolean;
  play(): Promise<void>;
  pause(): void;
  load(): void;
  getAttribute(name: string): string | null;
  removeAttribute(name: string): void;
  addEventListener(type: string, listener: () => void): void;
}

export interface AnimationFrames {
  request(callback: () => void): number;
  cancel(handle: number): void;
}

export interface PlayerStoreDeps extends Pick<StoreDeps, 'bridge'> {
  /** Called once, on first use: the store's one audio element. */
  createAudio: () => AudioLike;
  frames: AnimationFrames;
}

export type PlayerStore = UseBoundStore<StoreApi<PlayerState>>;

/** A pause or a new load before playback started rejects play() with an AbortError. */
const isAbort = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError';

export function createPlayerStore({ bridge, createAudio, frames }: PlayerStoreDeps): PlayerStore {
  let element: AudioLike | null = null;
  let loadToken = 0;
  let frame = 0;

  const store = create<PlayerState>()((set, get) => ({
    sessionId: null,
    previewId: null,
    playing: false,
    currentTime: 0,
    duration: 0,
    error: null,

    async load(sessionId, previewId) {
      if (get().sessionId === sessionId && get().previewId === previewId && !get().error) return true;
      const mine = ++loadToken;
      const a = audio();
      a.pause();
      set({ sessionId, previewId, playing: false, currentTime: 0, duration: 0, error: null });
      try {
        const url = await call(bridge.previewMediaUrl(sessionId, previewId));
        if (mine !== loadToken) return false;
        a.src = url;
        return true;
      } catch (error) {
        if (mine === loadToken) set({ error: `This preview cannot be played: ${messageOf(error)}` });
        return false;
      }
    },

    async play(sessionId, previewId) {
      if (!(await get().load(sessionId, previewId))) return;
      try {
        await audio().play();
      } catch (error) {
        // A pause or a new load before playback started is not a failure.
        if (isAbort(error)) return;
        set({ playing: false, error: `This preview cannot be played: ${messageOf(error)}` });
      }
    },

    async toggle(sessionId, previewId) {
      const state = get();
      if (state.sessionId === sessionId && state.previewId === previewId && state.playing) state.pause();
      else await state.play(sessionId, previewId);
    },

    pause() {
      element?.pause();
    },

    async seek(sessionId, previewId, seconds) {
      if (!(await get().load(sessionId, previewId))) return;
      const { duration } = get();
      const target = Math.max(0, duration > 0 ? Math.min(seconds, duration) : seconds);
      audio().currentTime = target;
      set({ currentTime: target });
    },

    unload() {
      loadToken++;
      if (element) {
        element.pause();
        element.removeAttribute('src');
        element.load();
      }
      set({ sessionId: null, previewId: null, playing: false, currentTime: 0, duration: 0, error: null });
    },
  }));

  const audio = (): AudioLike => {
    if (element) return element;
    element = createAudio();
    element.preload = 'metadata';
    const sync = (): void => {
      const a = element!;
      store.setState({
        currentTime: a.currentTime,
        duration: Number.isFinite(a.duration) ? a.duration : 0,
        playing: !a.paused && !a.ended,
      });
    };
    const follow = (): void => {
      sync();
      frame = element && !element.paused ? frames.request(follow) : 0;
    };
    element.addEventListener('play', () => {
      frames.cancel(frame);
      frame = frames.request(follow);
    });
    for (const type of ['pause', 'ended', 'timeupdate', 'durationchange', 'loadedmetadata', 'seeked'])
      element.addEventListener(type, sync);
    element.addEventListener('error', () => {
      if (!element?.getAttribute('src')) return;
      store.setState({
        playing: false,
        error: 'This preview cannot be played: the file is missing or in a format this window cannot decode.',
      });
    });
    return element;
  };

  // A deleted session, or a removed preview, stops playing.
  bridge.on('sessions:changed', (change) => {
    const { sessionId, previewId, unload } = store.getState();
    if (!sessionId) return;
    if (change.type === 'deleted' && change.id === sessionId) unload();
    if (change.type === 'updated' && change.session.id === sessionId) {
      if (!change.session.previews.some((preview) => preview.id === previewId)) unload();
    }
  });

  return store;
}
