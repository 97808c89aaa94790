// The sidebar's inline name field (issue 13): creating a collection (manual, or a smart one from the
// view's search) or renaming one. One at a time; the field shows main's refusal under itself.
import { create } from 'zustand';
import type { CollectionQuery } from '../../../shared/domain';

export type NameEdit =
  | {
      type: 'create';
      /** The field starts with this text (a suggested name). */
      initialName: string;
      /** A smart collection's filters; null for a manual one. */
      query: CollectionQuery | null;
      /** Sessions the new collection takes at once ("New collection…" from a menu). */
      sessionIds: string[];
    }
  | { type: 'rename'; id: string };

interface CollectionsUiState {
  edit: NameEdit | null;
  /** Why the last name was refused (unique, too long…), shown under the field. */
  error: string | null;
  startEdit(edit: NameEdit): void;
  setError(error: string | null): void;
  endEdit(): void;
}

export const useCollectionsUiStore = create<CollectionsUiState>()((set) => ({
  edit: null,
  error: null,
  startEdit(edit) {
    set({ edit, error: null });
  },
  setError(error) {
    set({ error });
  },
  endEdit() {
    set({ edit: null, error: null });
  },
}));
