// Shortcut labels and modifier detection: ⌘ on macOS, Ctrl elsewhere.

export const isMac =
  typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

/** "⌘N" on macOS, "Ctrl+N" elsewhere (with Shift: "⇧⌘O", "Ctrl+Shift+O"). */
export function shortcutLabel(key: string, options: { shift?: boolean } = {}): string {
  if (isMac) return `${options.shift ? '⇧' : ''}⌘${key}`;
  return `Ctrl+${options.shift ? 'Shift+' : ''}${key}`;
}

/** The platform's command modifier (⌘ on macOS, Ctrl elsewhere), without Alt. */
export function hasCommandModifier(event: KeyboardEvent): boolean {
  return (isMac ? event.metaKey && !event.ctrlKey : event.ctrlKey && !event.metaKey) && !event.altKey;
}
