// One audio element for the whole window, so the detail panel's player, the rows' play buttons
// and Space all drive the same playback. The element is never in the DOM; its state is mirrored
// here (the playhead every animation frame while playing, so the waveform follows smoothly).
// Audio streams from main (the app's media protocol) with Range, so seeking never loads the file.
import { create } from 'zustand';
import { call, dock, hasBridge, messageOf } from '../lib/bridge';

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

let element: HTMLAudioElement | null = null;
let loadToken = 0;
let frame = 0;

function audio(): HTMLAudioElement {
  if (element) return element;
  element = new Audio();
  element.preload = 'metadata';
  const sync = (): void => {
    const a = element!;
    usePlayerStore.setState({
      currentTime: a.currentTime,
      duration: Number.isFinite(a.duration) ? a.duration : 0,
      playing: !a.paused && !a.ended,
    });
  };
  const follow = (): void => {
    sync();
    frame = element && !element.paused ? requestAnimationFrame(follow) : 0;
  };
  element.addEventListener('play', () => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(follow);
  });
  for (const type of ['pause', 'ended', 'timeupdate', 'durationchange', 'loadedmetadata', 'seeked'])
    element.addEventListener(type, sync);
  element.addEventListener('error', () => {
    if (!element?.getAttribute('src')) return;
    usePlayerStore.setState({
      playing: false,
      error: 'This preview cannot be played: the file is missing or in a format this window cannot decode.',
    });
  });
  return element;
}

export const usePlayerStore = create<PlayerState>()((set, get) => ({
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
      const url = await call(dock().previewMediaUrl(sessionId, previewId));
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
      if (error instanceof DOMException && error.name === 'AbortError') return;
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

// A deleted session, or a removed preview, stops playing.
if (hasBridge()) {
  dock().on('sessions:changed', (change) => {
    const { sessionId, previewId, unload } = usePlayerStore.getState();
    if (!sessionId) return;
    if (change.type === 'deleted' && change.id === sessionId) unload();
    if (change.type === 'updated' && change.session.id === sessionId) {
      if (!change.session.previews.some((preview) => preview.id === previewId)) unload();
    }
  });
}
