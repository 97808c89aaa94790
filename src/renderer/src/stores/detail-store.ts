// The selected session as the detail panel edits it, with autosave that never loses typing:
//  - every edit lands in a per-session, per-field draft first; the field shows the draft while it
//    is dirty, saving or focused, and the session from main otherwise;
//  - text fields save after a pause (debounced per field), everything else at once; pending saves
//    are flushed on blur, on switching sessions, and when the window loses focus or unloads;
//  - saves of one field are chained so they reach main in typing order;
//  - live updates from main replace the session, so fields without a draft follow them, while a
//    field being edited keeps what the person typed;
//  - a refused value stays in its draft with the service's message under the field.
// A factory: the bridge, timers and clock are handed in (app-stores.ts wires the window's own).
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { Session } from '../../../shared/domain';
import { call, codeOf, messageOf } from '../lib/bridge';
import {
  DEBOUNCED_FIELDS,
  fieldProblem,
  sameValue,
  toWire,
  type EditableField,
  type FieldValue,
} from '../lib/field-rules';
import type { StoreDeps, TimerHandle } from '../lib/store-deps';

export const TEXT_SAVE_DELAY_MS = 400;

export interface FieldDraft {
  value: FieldValue;
  /** Changed since the last successful save. */
  dirty: boolean;
  /** Has focus: shown exactly as typed, never replaced by a live update. */
  editing: boolean;
  saving: boolean;
  error: string | null;
}

export type SessionDrafts = Partial<Record<EditableField, FieldDraft>>;

export interface OpenProblem {
  sessionId: string;
  message: string;
  /** The project path is missing or unset: offer to relink it. */
  relink: boolean;
}

interface DetailState {
  /** The selected session as main last reported it (null when nothing is selected). */
  session: Session | null;
  /** Set while a selected session that is not in the loaded rows is fetched. */
  loadingId: string | null;
  loadError: string | null;
  drafts: Record<string, SessionDrafts>;
  /** When each session last saved successfully (for "Saved"). */
  savedAt: Record<string, number>;
  openProblem: OpenProblem | null;

  show(session: Session | null): void;
  load(id: string): Promise<void>;
  beginEdit(id: string, field: EditableField): void;
  edit(id: string, field: EditableField, value: FieldValue, options?: { immediate?: boolean }): void;
  endEdit(id: string, field: EditableField): void;
  flush(id: string, field: EditableField): Promise<void>;
  flushAll(): void;
  acceptLive(session: Session): void;
  forget(id: string): void;
  setOpenProblem(problem: OpenProblem | null): void;
}

export type DetailStore = UseBoundStore<StoreApi<DetailState>>;

export interface DetailStoreDeps extends StoreDeps {
  /** A save failed for a session that is no longer on screen (the window shows a toast). */
  reportError?: (message: string) => void;
  /** A save just landed (the window ticks its clock so "Saved just now" is true). */
  onSaved?: () => void;
}

const keyOf = (id: string, field: EditableField): string => `${id}\u0000${field}`;

/** What a field shows: its draft while one is live, else the session's value. */
export function shownValue<F extends EditableField>(
  session: Session,
  draft: FieldDraft | undefined,
  field: F,
): Session[F] {
  if (draft && (draft.dirty || draft.editing || draft.saving)) return draft.value as Session[F];
  return session[field];
}

export function createDetailStore({
  bridge,
  timers,
  now,
  reportError = () => {},
  onSaved = () => {},
}: DetailStoreDeps): DetailStore {
  const saveTimers = new Map<string, TimerHandle>();
  const chains = new Map<string, Promise<void>>();
  const store = create<DetailState>()((set, get) => {
    const patchDraft = (id: string, field: EditableField, patch: Partial<FieldDraft>): void => {
      set((state) => {
        const drafts = state.drafts[id] ?? {};
        const current = drafts[field];
        if (!current) return state;
        const next = { ...current, ...patch };
        const keep = next.dirty || next.editing || next.saving || next.error !== null;
        const sessionDrafts = { ...drafts };
        if (keep) sessionDrafts[field] = next;
        else delete sessionDrafts[field];
        const all = { ...state.drafts };
        if (Object.keys(sessionDrafts).length > 0) all[id] = sessionDrafts;
        else delete all[id];
        return { drafts: all };
      });
    };

    /** Sends one field's draft, if it still needs saving. Runs inside the field's chain. */
    const send = async (id: string, field: EditableField): Promise<void> => {
      const draft = get().drafts[id]?.[field];
      if (!draft || !draft.dirty) return;
      const problem = fieldProblem(field, draft.value);
      if (problem) {
        patchDraft(id, field, { error: problem });
        return;
      }
      const sent = draft.value;
      patchDraft(id, field, { saving: true, error: null });
      try {
        const session = await call(bridge.patchSession(id, { [field]: toWire(field, sent) }));
        // The fresh session first, so a field whose draft is dropped next shows the saved value.
        get().acceptLive(session);
        const latest = get().drafts[id]?.[field];
        // Typing that arrived while this save was on its way keeps the field dirty for the next one.
        patchDraft(id, field, { saving: false, dirty: latest ? !sameValue(latest.value, sent) : false });
        set((state) => ({ savedAt: { ...state.savedAt, [id]: now() } }));
        onSaved();
      } catch (error) {
        if (codeOf(error) === 'not_found') {
          get().forget(id);
          return;
        }
        // The refusal is about the value sent; text typed since then is judged when it is saved.
        const latest = get().drafts[id]?.[field];
        const unchanged = latest !== undefined && sameValue(latest.value, sent);
        patchDraft(id, field, unchanged ? { saving: false, error: messageOf(error) } : { saving: false });
        if (get().session?.id !== id) reportError(`A change could not be saved: ${messageOf(error)}`);
      }
    };

    return {
      session: null,
      loadingId: null,
      loadError: null,
      drafts: {},
      savedAt: {},
      openProblem: null,

      show(session) {
        const current = get().session;
        // Never step back to an older copy of the same session.
        if (session && current && session.id === current.id && session.updatedAt < current.updatedAt) return;
        set({ session, loadingId: null, loadError: null });
      },
      async load(id) {
        set({ loadingId: id, loadError: null });
        try {
          const session = await call(bridge.getSession(id));
          if (get().loadingId === id) set({ session, loadingId: null });
        } catch (error) {
          if (get().loadingId === id) set({ loadingId: null, loadError: messageOf(error) });
        }
      },
      beginEdit(id, field) {
        const existing = get().drafts[id]?.[field];
        if (existing) {
          patchDraft(id, field, { editing: true });
          return;
        }
        const session = get().session;
        if (!session || session.id !== id) return;
        set((state) => ({
          drafts: {
            ...state.drafts,
            [id]: {
              ...state.drafts[id],
              [field]: { value: session[field], dirty: false, editing: true, saving: false, error: null },
            },
          },
        }));
      },
      edit(id, field, value, options = {}) {
        const existing = get().drafts[id]?.[field];
        const problem = fieldProblem(field, value);
        const draft: FieldDraft = {
          value,
          dirty: true,
          editing: existing?.editing ?? false,
          saving: existing?.saving ?? false,
          // Show a rule as soon as it is broken; clear a server message once the value changes.
          error: problem,
        };
        set((state) => ({ drafts: { ...state.drafts, [id]: { ...state.drafts[id], [field]: draft } } }));
        const key = keyOf(id, field);
        timers.clearTimeout(saveTimers.get(key));
        if (options.immediate || !DEBOUNCED_FIELDS.has(field)) void get().flush(id, field);
        else
          saveTimers.set(
            key,
            timers.setTimeout(() => void get().flush(id, field), TEXT_SAVE_DELAY_MS),
          );
      },
      endEdit(id, field) {
        patchDraft(id, field, { editing: false });
        void get().flush(id, field);
      },
      flush(id, field) {
        const key = keyOf(id, field);
        timers.clearTimeout(saveTimers.get(key));
        saveTimers.delete(key);
        const previous = chains.get(key) ?? Promise.resolve();
        const next = previous.then(() => send(id, field));
        chains.set(key, next);
        void next.finally(() => {
          if (chains.get(key) === next) chains.delete(key);
        });
        return next;
      },
      flushAll() {
        for (const [id, drafts] of Object.entries(get().drafts)) {
          for (const [field, draft] of Object.entries(drafts) as [EditableField, FieldDraft][]) {
            if (draft.dirty) void get().flush(id, field);
          }
        }
      },
      acceptLive(session) {
        const current = get().session;
        if (!current || current.id !== session.id || session.updatedAt < current.updatedAt) return;
        set({ session });
      },
      forget(id) {
        for (const [key, timer] of saveTimers) {
          if (key.startsWith(`${id}\u0000`)) {
            timers.clearTimeout(timer);
            saveTimers.delete(key);
          }
        }
        set((state) => {
          const drafts = { ...state.drafts };
          delete drafts[id];
          return {
            drafts,
            session: state.session?.id === id ? null : state.session,
            openProblem: state.openProblem?.sessionId === id ? null : state.openProblem,
          };
        });
      },
      setOpenProblem(openProblem) {
        set({ openProblem });
      },
    };
  });

  bridge.on('sessions:changed', (change) => {
    if (change.type === 'updated' || change.type === 'created') store.getState().acceptLive(change.session);
    // The selected session deleted elsewhere: its drafts have nowhere to go.
    if (change.type === 'deleted' && store.getState().session?.id === change.id) {
      store.getState().forget(change.id);
    }
  });
  return store;
}

/** Whether anything typed for this session has not reached main yet. */
export function hasUnsavedEdits(drafts: SessionDrafts | undefined): boolean {
  return Object.values(drafts ?? {}).some((draft) => draft.dirty || draft.saving);
}
