import { useState } from 'react';
import type { PreviewSummary, Session } from '../../../../shared/domain';
import { useNoteLane } from '../../hooks/useNoteLane';
import { useWaveform } from '../../hooks/useWaveform';
import { formatPlayTime } from '../../lib/format-time';
import { usePlayerStore } from '../../stores/app-stores';
import { NoteIcon, PauseIcon, PlayIcon } from '../icons';
import { WaveformDisplay } from './WaveformDisplay';
import { WaveformNotes } from './WaveformNotes';

/** Play/pause, the waveform with the playhead and note markers, the time, and the note lane. */
export function PreviewPlayer({ session, preview }: { session: Session; preview: PreviewSummary }) {
  const waveform = useWaveform(session.id, preview);
  const lane = useNoteLane(session.id, preview.id, session.updatedAt);
  const [adding, setAdding] = useState<number | null>(null);
  const loaded = usePlayerStore((state) => state.sessionId === session.id && state.previewId === preview.id);
  const playing = usePlayerStore((state) => loaded && state.playing);
  const currentTime = usePlayerStore((state) => (loaded ? state.currentTime : 0));
  const audioDuration = usePlayerStore((state) => (loaded ? state.duration : 0));
  const playError = usePlayerStore((state) => (loaded ? state.error : null));
  const { toggle, seek } = usePlayerStore.getState();

  const duration = waveform.state === 'ready' ? waveform.waveform.durationSeconds : audioDuration;
  const seekTo = (seconds: number): void => void seek(session.id, preview.id, seconds);
  const problem = preview.status === 'missing' ? 'The audio file is missing: it was moved or deleted.' : null;

  return (
    <div className="player" data-testid="preview-player" data-preview-id={preview.id}>
      <div className="player__controls">
        <button
          type="button"
          className="player__toggle"
          aria-label={playing ? `Pause ${preview.name}` : `Play ${preview.name}`}
          title={playing ? 'Pause (Space)' : 'Play (Space)'}
          data-testid="player-toggle"
          data-playing={playing}
          disabled={problem !== null}
          onClick={() => void toggle(session.id, preview.id)}
        >
          {playing ? <PauseIcon size={14} /> : <PlayIcon size={14} />}
        </button>
        <span className="player__time" data-testid="player-time" data-seconds={currentTime.toFixed(2)}>
          {formatPlayTime(currentTime)} <span className="player__duration">/ {formatPlayTime(duration)}</span>
        </span>
        <span className="player__spacer" />
        <button
          type="button"
          className="button button--small"
          data-testid="add-waveform-note"
          disabled={lane.notes === null || adding !== null}
          title="Add a note at the playhead"
          onClick={() => setAdding(Math.round(currentTime * 100) / 100)}
        >
          <NoteIcon size={13} /> Add note
        </button>
      </div>

      {waveform.state === 'ready' ? (
        <WaveformDisplay
          peaks={waveform.waveform.peaks}
          duration={duration}
          position={currentTime}
          notes={lane.notes ?? []}
          label={`Position in ${preview.name}`}
          onSeek={seekTo}
          onNote={(note) => seekTo(note.timestamp)}
        />
      ) : (
        <div
          className="waveform waveform--placeholder"
          data-state={waveform.state}
          data-testid="waveform-placeholder"
        >
          {waveform.state === 'loading' ? 'Drawing the waveform…' : waveform.message}
        </div>
      )}

      {(problem ?? playError) && (
        <p className="field-warning player__problem" role="status">
          {problem ?? playError}
        </p>
      )}

      {lane.notes && (
        <WaveformNotes
          notes={lane.notes}
          adding={adding}
          onDoneAdding={() => setAdding(null)}
          onSeek={seekTo}
          save={lane.save}
        />
      )}
    </div>
  );
}
