// A preview's peaks for drawing, fetched once per preview (main computes them off its main thread
// and caches them by file), kept here so switching sessions back and forth never refetches.
import { useEffect, useState } from 'react';
import type { PreviewSummary, Waveform } from '../../../shared/domain';
import { call, dock, messageOf } from '../lib/bridge';

/** Enough pairs for a sharp line on a wide, high-density panel; main buckets them down from its cache. */
export const WAVEFORM_POINTS = 1200;
const MAX_CACHED = 64;
const cache = new Map<string, Promise<Waveform>>();

function fetchWaveform(sessionId: string, preview: PreviewSummary): Promise<Waveform> {
  // The status is part of the key: a preview that becomes readable again is fetched again.
  const key = `${preview.id}:${preview.status}`;
  let pending = cache.get(key);
  if (!pending) {
    pending = call(dock().previewWaveform(sessionId, preview.id, WAVEFORM_POINTS));
    pending.catch(() => cache.delete(key));
    cache.set(key, pending);
    if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value!);
  }
  return pending;
}

export type WaveformState =
  { state: 'loading' } | { state: 'ready'; waveform: Waveform } | { state: 'failed'; message: string };

export function useWaveform(sessionId: string, preview: PreviewSummary | null): WaveformState {
  const [result, setResult] = useState<{ key: string; value: WaveformState } | null>(null);
  const key = preview ? `${preview.id}:${preview.status}` : '';
  useEffect(() => {
    if (!preview) return;
    let current = true;
    fetchWaveform(sessionId, preview).then(
      (waveform) => current && setResult({ key, value: { state: 'ready', waveform } }),
      (error: unknown) =>
        current && setResult({ key, value: { state: 'failed', message: messageOf(error) } }),
    );
    return () => {
      current = false;
    };
    // The key names the preview and its status: a new preview object with the same key is no change.
  }, [sessionId, key]);
  return result && result.key === key ? result.value : { state: 'loading' };
}
