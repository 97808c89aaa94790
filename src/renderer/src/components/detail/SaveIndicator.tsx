import { useDetailStore } from '../../stores/app-stores';
import { hasUnsavedEdits } from '../../stores/detail-store';
import { CheckIcon } from '../icons';

/** "Saving…" while edits are on their way, "Saved" after, "Not saved" when one was refused. */
export function SaveIndicator({ sessionId }: { sessionId: string }) {
  const drafts = useDetailStore((state) => state.drafts[sessionId]);
  const savedAt = useDetailStore((state) => state.savedAt[sessionId]);
  const refused = Object.values(drafts ?? {}).some((draft) => draft.error !== null);
  const pending = hasUnsavedEdits(drafts);

  let label = '';
  let state = 'idle';
  if (refused) {
    label = 'Not saved';
    state = 'error';
  } else if (pending) {
    label = 'Saving…';
    state = 'saving';
  } else if (savedAt !== undefined) {
    label = 'Saved';
    state = 'saved';
  }
  return (
    <span className="save-indicator" data-state={state} data-testid="save-state" aria-live="polite">
      {state === 'saved' && <CheckIcon size={12} />}
      {label}
    </span>
  );
}
