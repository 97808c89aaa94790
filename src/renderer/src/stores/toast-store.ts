// Short-lived notices at the bottom of the window, optionally with one action (Undo, Relink…).
import { create } from 'zustand';

export type ToastTone = 'info' | 'success' | 'error';

export interface ToastAction {
  label: string;
  testId?: string;
  run(): void;
}

export interface Toast {
  id: number;
  message: string;
  tone: ToastTone;
  action?: ToastAction;
}

interface ToastState {
  toasts: Toast[];
  show(toast: Omit<Toast, 'id'> & { timeoutMs?: number }): number;
  dismiss(id: number): void;
}

const DEFAULT_TIMEOUT_MS = 5000;
const MAX_TOASTS = 4;
let nextId = 1;

export const useToastStore = create<ToastState>()((set, get) => ({
  toasts: [],
  show({ timeoutMs = DEFAULT_TIMEOUT_MS, ...toast }) {
    const id = nextId++;
    set((state) => ({ toasts: [...state.toasts, { ...toast, id }].slice(-MAX_TOASTS) }));
    setTimeout(() => get().dismiss(id), timeoutMs);
    return id;
  },
  dismiss(id) {
    set((state) => ({ toasts: state.toasts.filter((toast) => toast.id !== id) }));
  },
}));

export function toastError(message: string): void {
  useToastStore.getState().show({ message, tone: 'error', timeoutMs: 8000 });
}

export function toastInfo(message: string): void {
  useToastStore.getState().show({ message, tone: 'info' });
}
