// The one context menu (issue 13: rows, cards, sidebar collections, the bulk bar's menus): where it
// opens and what it offers. Items are plain data with their action; a submenu is a list of items.
import { create } from 'zustand';

export interface MenuItem {
  label: string;
  testId?: string;
  /** Absent for a submenu's parent or a heading-like disabled line. */
  run?: () => void;
  disabled?: boolean;
  danger?: boolean;
  /** Shown beside the label (a count, a shortcut). */
  hint?: string;
  submenu?: MenuItem[];
  /** A line above this item. */
  separator?: boolean;
}

export interface OpenMenu {
  x: number;
  y: number;
  /** For screen readers: what the menu is about ("Night Drive", "3 sessions"). */
  label: string;
  items: MenuItem[];
  testId?: string;
}

interface ContextMenuState {
  menu: OpenMenu | null;
  open(menu: OpenMenu): void;
  close(): void;
}

export const useContextMenuStore = create<ContextMenuState>()((set) => ({
  menu: null,
  open(menu) {
    set({ menu });
  },
  close() {
    set({ menu: null });
  },
}));

export function isContextMenuOpen(): boolean {
  return useContextMenuStore.getState().menu !== null;
}
