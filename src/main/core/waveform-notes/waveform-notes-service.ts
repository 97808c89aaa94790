import type { Database, Statement } from 'better-sqlite3';
import { LIMITS, type WaveformNote, type WaveformNoteLane } from '../../../shared/domain';
import { invalidInput, isAppError } from '../../../shared/errors';
import { charLength, FORBIDDEN_CONTROL, isPlainObject } from '../../../shared/validation/text';
import type { Clock } from '../clock';
import { newId } from '../ids';
import type { PreviewsService } from '../previews/previews-service';
import type { SessionsService } from '../sessions/sessions-service';

const NOTES_MAX = LIMITS.waveformNotesMax;
const TEXT_MAX = LIMITS.waveformNoteTextMax;

/**
 * Timestamped notes on a preview's waveform: one lane per (session, preview). Writes replace the
 * whole lane; notes sent with a known id keep their createdAt (and updatedAt when unchanged).
 */
export class WaveformNotesService {
  private readonly statements: Record<'lane' | 'clear' | 'insert', Statement>;

  constructor(
    private readonly db: Database,
    private readonly sessions: SessionsService,
    private readonly previews: PreviewsService,
    private readonly clock: Clock,
  ) {
    this.statements = {
      lane: db.prepare(
        `SELECT id, timestamp, text, created_at AS createdAt, updated_at AS updatedAt FROM waveform_notes
         WHERE session_seq = ? AND preview_id = ? ORDER BY timestamp, created_at, id`,
      ),
      clear: db.prepare('DELETE FROM waveform_notes WHERE session_seq = ? AND preview_id = ?'),
      insert: db.prepare(
        `INSERT INTO waveform_notes (id, session_seq, preview_id, timestamp, text, created_at, updated_at)
         VALUES (@id, @sessionSeq, @previewId, @timestamp, @text, @createdAt, @updatedAt)`,
      ),
    };
  }

  get(sessionId: unknown, variantId: unknown): WaveformNoteLane {
    const preview = this.previews.resolve(sessionId, variantId);
    return this.lane(sessionId as string, preview.sessionSeq, preview.id);
  }

  /** Body `{notes: [{id?, timestamp, text}]}`: replaces the lane. */
  replace(sessionId: unknown, variantId: unknown, body: unknown): WaveformNoteLane {
    const incoming = parseLane(body);
    const preview = this.previews.resolve(sessionId, variantId);
    const existing = new Map(
      (this.statements.lane.all(preview.sessionSeq, preview.id) as WaveformNote[]).map((note) => [
        note.id,
        note,
      ]),
    );
    const now = this.clock.now();
    this.db.transaction(() => {
      this.statements.clear.run(preview.sessionSeq, preview.id);
      const used = new Set<string>();
      for (const note of incoming) {
        const known = note.id !== undefined && !used.has(note.id) ? existing.get(note.id) : undefined;
        const unchanged = known && known.timestamp === note.timestamp && known.text === note.text;
        const id = known ? known.id : newId('wnote', now);
        used.add(id);
        this.statements.insert.run({
          id,
          sessionSeq: preview.sessionSeq,
          previewId: preview.id,
          timestamp: note.timestamp,
          text: note.text,
          createdAt: known?.createdAt ?? now.toISOString(),
          updatedAt: unchanged ? known.updatedAt : now.toISOString(),
        });
      }
      this.sessions.touchSeq(preview.sessionSeq);
    })();
    this.previews.notifyChanged(sessionId as string, preview.id, 'waveformNotes');
    return this.lane(sessionId as string, preview.sessionSeq, preview.id);
  }

  /**
   * Body `{timestamp, text}`: adds one note, keeping the others (their ids and createdAt). Read and
   * rewritten in one synchronous step, so nothing else writes the lane in between.
   */
  add(sessionId: unknown, variantId: unknown, body: unknown): WaveformNoteLane {
    const lane = this.get(sessionId, variantId);
    try {
      return this.replace(sessionId, lane.variantId, { notes: [...lane.notes, body] });
    } catch (error) {
      // The lane's rules judged the new note as notes[n]: name the fields the caller sent.
      const prefix = `notes[${lane.notes.length}]`;
      if (isAppError(error) && error.message.startsWith(prefix)) {
        const message = error.message.slice(prefix.length).replace(/^\./, '');
        throw invalidInput(message.startsWith(' ') ? `note${message}` : message);
      }
      throw error;
    }
  }

  private lane(sessionId: string, sessionSeq: number, previewId: string): WaveformNoteLane {
    return {
      sessionId,
      variantId: previewId,
      key: `${sessionId}:${previewId}`,
      notes: this.statements.lane.all(sessionSeq, previewId) as WaveformNote[],
    };
  }
}

interface IncomingNote {
  id?: string;
  timestamp: number;
  text: string;
}

function parseLane(body: unknown): IncomingNote[] {
  if (!isPlainObject(body) || !Array.isArray(body.notes)) {
    throw invalidInput('body must be a JSON object with a notes array');
  }
  const unknown = Object.keys(body).filter((key) => key !== 'notes');
  if (unknown.length > 0)
    throw invalidInput(`unknown field${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`);
  if (body.notes.length > NOTES_MAX) throw invalidInput(`notes must hold at most ${NOTES_MAX} notes`);
  return body.notes.map((note: unknown, index: number) => {
    const field = `notes[${index}]`;
    if (!isPlainObject(note)) throw invalidInput(`${field} must be an object with timestamp and text`);
    const extra = Object.keys(note).filter(
      (key) => !['id', 'timestamp', 'text', 'createdAt', 'updatedAt'].includes(key),
    );
    if (extra.length > 0)
      throw invalidInput(`${field} has unknown field${extra.length > 1 ? 's' : ''}: ${extra.join(', ')}`);
    if (note.id !== undefined && typeof note.id !== 'string')
      throw invalidInput(`${field}.id must be a string`);
    const { timestamp, text } = note;
    if (typeof timestamp !== 'number' || !Number.isFinite(timestamp) || timestamp < 0) {
      throw invalidInput(`${field}.timestamp must be a finite number of seconds >= 0`);
    }
    if (
      typeof text !== 'string' ||
      text.trim() === '' ||
      charLength(text) > TEXT_MAX ||
      FORBIDDEN_CONTROL.test(text)
    ) {
      throw invalidInput(
        `${field}.text must be a string of 1-${TEXT_MAX} characters, not blank, with no control characters (tab, newline and carriage return allowed)`,
      );
    }
    return { id: note.id as string | undefined, timestamp, text };
  });
}
