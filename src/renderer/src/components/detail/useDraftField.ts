import type { Session } from '../../../../shared/domain';
import type { EditableField } from '../../lib/field-rules';
import { useDetailStore } from '../../stores/app-stores';
import { shownValue } from '../../stores/detail-store';

/** One autosaved field of a session: what to show, its problem, and the handlers that edit it. */
export function useDraftField<F extends EditableField>(session: Session, field: F) {
  const draft = useDetailStore((state) => state.drafts[session.id]?.[field]);
  const { beginEdit, edit, endEdit } = useDetailStore.getState();
  const id = session.id;
  return {
    value: shownValue(session, draft, field),
    error: draft?.error ?? null,
    onFocus: () => beginEdit(id, field),
    onChange: (value: Session[F], immediate = false) => edit(id, field, value, { immediate }),
    onBlur: () => endEdit(id, field),
  };
}
