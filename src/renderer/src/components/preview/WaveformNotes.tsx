import { useRef, useState, type KeyboardEvent } from 'react';
import { LIMITS, type WaveformNote } from '../../../../shared/domain';
import type { NoteEdit } from '../../hooks/useNoteLane';
import { formatPlayTime } from '../../lib/format-time';
import { CloseIcon } from '../icons';

const TEXT_MAX = LIMITS.waveformNoteTextMax;

interface WaveformNotesProps {
  notes: readonly WaveformNote[];
  /** Set while a new note is being written (its timestamp: the playhead when "Add note" was pressed). */
  adding: number | null;
  onDoneAdding(): void;
  onSeek(seconds: number): void;
  save(notes: NoteEdit[]): Promise<boolean>;
}

const asEdits = (notes: readonly WaveformNote[]): NoteEdit[] =>
  notes.map(({ id, timestamp, text }) => ({ id, timestamp, text }));

/** The notes of a preview, by time: click a time to seek, edit or delete a note, write a new one. */
export function WaveformNotes({ notes, adding, onDoneAdding, onSeek, save }: WaveformNotesProps) {
  const [editingId, setEditingId] = useState<string | null>(null);

  const addNote = async (text: string): Promise<boolean> => {
    if (adding === null) return true;
    const saved = await save([...asEdits(notes), { timestamp: adding, text }]);
    if (saved) onDoneAdding();
    return saved;
  };
  const editNote = async (id: string, text: string): Promise<boolean> => {
    const next = asEdits(notes).map((note) => (note.id === id ? { ...note, text } : note));
    const saved = await save(next);
    if (saved) setEditingId(null);
    return saved;
  };
  const deleteNote = (id: string): void => void save(asEdits(notes).filter((note) => note.id !== id));

  if (notes.length === 0 && adding === null) {
    return (
      <p className="waveform-notes__empty">
        No notes yet. Play or click the waveform, then add a note at the playhead.
      </p>
    );
  }
  return (
    <ol className="waveform-notes" aria-label="Waveform notes" data-testid="waveform-notes">
      {notes.map((note) => (
        <li key={note.id} className="waveform-note" data-testid="waveform-note">
          <button
            type="button"
            className="waveform-note__time"
            title="Play from here"
            data-testid="waveform-note-time"
            onClick={() => onSeek(note.timestamp)}
          >
            {formatPlayTime(note.timestamp)}
          </button>
          {editingId === note.id ? (
            <NoteInput
              initial={note.text}
              label={`Edit the note at ${formatPlayTime(note.timestamp)}`}
              onCommit={(text) => (text === note.text ? (setEditingId(null), true) : editNote(note.id, text))}
              onCancel={() => setEditingId(null)}
            />
          ) : (
            <button
              type="button"
              className="waveform-note__text"
              title="Edit note"
              data-testid="waveform-note-text"
              onClick={() => setEditingId(note.id)}
            >
              {note.text}
            </button>
          )}
          <button
            type="button"
            className="button button--ghost button--icon waveform-note__delete"
            aria-label={`Delete the note at ${formatPlayTime(note.timestamp)}`}
            title="Delete note"
            data-testid="waveform-note-delete"
            onClick={() => deleteNote(note.id)}
          >
            <CloseIcon size={12} />
          </button>
        </li>
      ))}
      {adding !== null && (
        <li className="waveform-note waveform-note--new">
          <span className="waveform-note__time">{formatPlayTime(adding)}</span>
          <NoteInput
            initial=""
            label={`New note at ${formatPlayTime(adding)}`}
            onCommit={addNote}
            onCancel={onDoneAdding}
          />
        </li>
      )}
    </ol>
  );
}

/** One line of text: Enter saves, Escape cancels; leaving it empty cancels too. */
function NoteInput({
  initial,
  label,
  onCommit,
  onCancel,
}: {
  initial: string;
  label: string;
  /** Resolves false when the save was refused: the text stays for another try. */
  onCommit(text: string): boolean | Promise<boolean>;
  onCancel(): void;
}) {
  const [text, setText] = useState(initial);
  // Enter and the blur that may follow must not save twice (a duplicate note).
  const done = useRef(false);
  const commit = (): void => {
    if (done.current) return;
    done.current = true;
    const trimmed = text.trim();
    if (trimmed === '') {
      onCancel();
      return;
    }
    void Promise.resolve(onCommit(trimmed)).then((saved) => {
      if (!saved) done.current = false;
    });
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'Enter') {
      event.preventDefault();
      commit();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      done.current = true;
      onCancel();
    }
  };
  return (
    <input
      className="input input--small waveform-note__input"
      aria-label={label}
      placeholder="What happens here?"
      maxLength={TEXT_MAX}
      value={text}
      autoFocus
      data-testid="waveform-note-input"
      onChange={(event) => setText(event.target.value)}
      onKeyDown={onKeyDown}
      onBlur={commit}
    />
  );
}
