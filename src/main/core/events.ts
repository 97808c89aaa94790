import type { Collection, ImportStatus, PreviewInfo, Session } from '../../shared/domain';
import type { Settings } from './settings/settings-service';

/**
 * Every change the core makes, emitted once per successful write, after its transaction (or its
 * savepoint in a group commit, see db/group-commit.ts) succeeded. Should a group commit then fail,
 * `sessions.reverted` follows: listeners reload instead of trusting what they were told.
 */
export type CoreEvent =
  | { type: 'session.created'; session: Session }
  | { type: 'session.updated'; session: Session }
  | { type: 'session.deleted'; id: string }
  /** Many sessions created at once (an import): listeners reload rather than patch in place. */
  | { type: 'sessions.created'; ids: string[] }
  /** A group commit failed: changes announced since the last commit did not happen. */
  | { type: 'sessions.reverted' }
  | { type: 'settings.changed'; settings: Settings }
  | { type: 'import.progress'; status: ImportStatus }
  /**
   * A session's previews (attached, detached, the preferred one chosen) or a preview's waveform
   * notes changed; follows the `session.updated` the same write causes. `variantId`: the preview
   * attached, detached or chosen (null: the choice went back to automatic), or whose notes changed.
   */
  | {
      type: 'preview.changed';
      sessionId: string;
      preview: PreviewInfo;
      change: 'previews' | 'waveformNotes';
      variantId: string | null;
    }
  /** A session's project file was read (issue 12): its metadata, plugins or samples changed. */
  | { type: 'project.read'; sessionId: string }
  | { type: 'token.rotated' }
  /** Collections (issue 13): created, renamed, moved or given other filters, deleted… */
  | { type: 'collection.created'; collection: Collection }
  | { type: 'collection.updated'; collection: Collection }
  | { type: 'collection.deleted'; id: string }
  /** …or a manual collection's sessions or their order changed (`collection` has the new count). */
  | { type: 'collection.sessionsChanged'; collection: Collection };

export type CoreEventListener = (event: CoreEvent) => void;

export class CoreEvents {
  private readonly listeners = new Set<CoreEventListener>();

  constructor(private readonly onListenerError: (error: unknown) => void = () => {}) {}

  /** Returns the unsubscribe function. */
  subscribe(listener: CoreEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A failing listener never undoes or interrupts the write that caused the event. */
  emit(event: CoreEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }
}
