// A preview's waveform-note lane: fetched when the preview is shown, fetched again when the session
// changes elsewhere (the API), and replaced as a whole on every edit (the API's semantics).
import { useCallback, useEffect, useState } from 'react';
import type { WaveformNote } from '../../../shared/domain';
import { call, dock, messageOf } from '../lib/bridge';
import { toastError } from '../stores/toast-store';

export interface NoteEdit {
  id?: string;
  timestamp: number;
  text: string;
}

export interface NoteLane {
  notes: WaveformNote[] | null;
  /** Replaces the lane; resolves false (with a message shown) when main refused it. */
  save(notes: NoteEdit[]): Promise<boolean>;
}

export function useNoteLane(sessionId: string, previewId: string, sessionUpdatedAt: string): NoteLane {
  const [lane, setLane] = useState<{ key: string; notes: WaveformNote[] } | null>(null);
  const key = `${sessionId}:${previewId}`;

  useEffect(() => {
    let current = true;
    call(dock().waveformNotes(sessionId, previewId)).then(
      (result) => current && setLane({ key, notes: result.notes }),
      () => current && setLane({ key, notes: [] }),
    );
    return () => {
      current = false;
    };
  }, [key, sessionId, previewId, sessionUpdatedAt]);

  const save = useCallback(
    async (notes: NoteEdit[]): Promise<boolean> => {
      try {
        const result = await call(dock().replaceWaveformNotes(sessionId, previewId, notes));
        setLane({ key, notes: result.notes });
        return true;
      } catch (error) {
        toastError(`Could not save the waveform note: ${messageOf(error)}`);
        return false;
      }
    },
    [key, sessionId, previewId],
  );

  return { notes: lane && lane.key === key ? lane.notes : null, save };
}
