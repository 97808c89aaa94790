const TEXT_INPUT_TYPES = new Set(['text', 'search', 'email', 'number', 'password', 'tel', 'url', '']);

/** Whether keys typed at this element are text (so single-key shortcuts must leave them alone). */
export function isTextEntry(element: Element | null): boolean {
  if (!element) return false;
  if (element instanceof HTMLTextAreaElement) return true;
  if (element instanceof HTMLInputElement) return TEXT_INPUT_TYPES.has(element.type);
  if (element instanceof HTMLElement && element.isContentEditable) return true;
  return false;
}

/** Buttons, links and selects answer Enter/Space themselves. */
export function isActivatable(element: Element | null): boolean {
  return (
    element instanceof HTMLButtonElement ||
    element instanceof HTMLAnchorElement ||
    element instanceof HTMLSelectElement ||
    (element instanceof HTMLInputElement && !isTextEntry(element))
  );
}
