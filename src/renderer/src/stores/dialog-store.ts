// One confirmation dialog at a time, awaited like window.confirm but drawn by the app.
import { create } from 'zustand';

export interface ConfirmRequest {
  title: string;
  message: string;
  confirmLabel: string;
  /** Destructive actions get a red button. */
  danger?: boolean;
  /** Which button has focus when the dialog opens (Enter presses it). */
  initialFocus?: 'confirm' | 'cancel';
}

interface DialogState {
  confirm: (ConfirmRequest & { resolve(ok: boolean): void }) | null;
  ask(request: ConfirmRequest): Promise<boolean>;
  answer(ok: boolean): void;
}

export const useDialogStore = create<DialogState>()((set, get) => ({
  confirm: null,
  ask(request) {
    get().confirm?.resolve(false);
    return new Promise<boolean>((resolve) => set({ confirm: { ...request, resolve } }));
  },
  answer(ok) {
    const pending = get().confirm;
    set({ confirm: null });
    pending?.resolve(ok);
  },
}));

export function isDialogOpen(): boolean {
  return useDialogStore.getState().confirm !== null;
}
