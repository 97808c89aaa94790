import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useContextMenuStore, type MenuItem } from '../../stores/context-menu-store';

const EDGE = 8;

/**
 * The window's one context menu (rows, cards, collections, the bulk bar's menus): opens where it
 * was asked, kept inside the window; a submenu opens on hover, → or Enter. ↑ ↓ move, ← and Escape
 * step back, a click elsewhere, a scroll or leaving the window closes it.
 */
export function ContextMenu() {
  const menu = useContextMenuStore((state) => state.menu);
  const close = useContextMenuStore((state) => state.close);
  const ref = useRef<HTMLDivElement>(null);
  const [place, setPlace] = useState<{ left: number; top: number } | null>(null);
  // Near the right edge, submenus open to the left.
  const [flip, setFlip] = useState(false);

  useLayoutEffect(() => {
    if (!menu || !ref.current) return;
    const { width, height } = ref.current.getBoundingClientRect();
    const left = Math.max(EDGE, Math.min(menu.x, window.innerWidth - width - EDGE));
    setPlace({ left, top: Math.max(EDGE, Math.min(menu.y, window.innerHeight - height - EDGE)) });
    setFlip(left + width * 2 > window.innerWidth - EDGE);
  }, [menu]);

  useEffect(() => {
    if (!menu) return;
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const onPointer = (event: MouseEvent): void => {
      if (!(event.target instanceof Node) || !ref.current?.contains(event.target)) close();
    };
    // Escape from anywhere (the menu's own list handles it first when it has focus).
    const onKey = (event: globalThis.KeyboardEvent): void => {
      if (event.key === 'Escape') close();
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('mousedown', onPointer, true);
    window.addEventListener('blur', close);
    window.addEventListener('resize', close);
    window.addEventListener('wheel', close, { passive: true });
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('mousedown', onPointer, true);
      window.removeEventListener('blur', close);
      window.removeEventListener('resize', close);
      window.removeEventListener('wheel', close);
      // Focus goes back where the menu was opened from (the list, a button).
      if (previous?.isConnected) previous.focus();
    };
  }, [menu, close]);

  if (!menu) return null;
  return (
    <div
      ref={ref}
      className={flip ? 'context-menu context-menu--flip' : 'context-menu'}
      style={place ?? { left: menu.x, top: menu.y, visibility: 'hidden' }}
      data-testid={menu.testId ?? 'context-menu'}
      onContextMenu={(event) => event.preventDefault()}
    >
      <MenuList items={menu.items} label={menu.label} onClose={close} autoFocus />
    </div>
  );
}

function MenuList({
  items,
  label,
  onClose,
  onBack,
  autoFocus,
}: {
  items: MenuItem[];
  label: string;
  onClose: () => void;
  /** A submenu's way back to its parent (← key). */
  onBack?: () => void;
  autoFocus: boolean;
}) {
  const [openIndex, setOpenIndex] = useState<number | null>(null);
  const [focusSubmenu, setFocusSubmenu] = useState(false);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);

  useEffect(() => {
    if (autoFocus) buttons.current.find((button) => button && !button.disabled)?.focus();
  }, [autoFocus]);

  const enabled = (): HTMLButtonElement[] =>
    buttons.current.filter((button): button is HTMLButtonElement => button !== null && !button.disabled);

  const activate = (item: MenuItem, index: number, fromKeyboard: boolean): void => {
    if (item.disabled) return;
    if (item.submenu) {
      setOpenIndex(index);
      setFocusSubmenu(fromKeyboard);
      return;
    }
    onClose();
    item.run?.();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const list = enabled();
    const at = list.findIndex((button) => button === document.activeElement);
    if (at < 0 && event.key !== 'Escape') return;
    const index = at >= 0 ? buttons.current.indexOf(list[at]!) : -1;
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        const step = event.key === 'ArrowDown' ? 1 : -1;
        list[(at + step + list.length) % list.length]?.focus();
        break;
      }
      case 'ArrowRight':
        if (items[index]?.submenu) activate(items[index]!, index, true);
        break;
      case 'ArrowLeft':
        if (!onBack) return;
        onBack();
        break;
      case 'Escape':
        if (onBack) onBack();
        else onClose();
        break;
      case 'Enter':
      case ' ':
        if (items[index]) activate(items[index]!, index, true);
        break;
      default:
        return;
    }
    event.preventDefault();
    event.stopPropagation();
  };

  return (
    <div className="context-menu__list" role="menu" aria-label={label} onKeyDown={onKeyDown}>
      {items.map((item, index) => (
        <div key={`${index}-${item.label}`} className="context-menu__entry" role="none">
          {item.separator && <div className="context-menu__separator" role="separator" />}
          <button
            ref={(button) => {
              buttons.current[index] = button;
            }}
            type="button"
            role="menuitem"
            className={item.danger ? 'context-menu__item context-menu__item--danger' : 'context-menu__item'}
            disabled={item.disabled}
            aria-haspopup={item.submenu ? 'menu' : undefined}
            aria-expanded={item.submenu ? openIndex === index : undefined}
            data-testid={item.testId}
            onMouseEnter={() => {
              setOpenIndex(item.submenu ? index : null);
              setFocusSubmenu(false);
            }}
            onClick={() => activate(item, index, false)}
          >
            <span className="context-menu__label">{item.label}</span>
            {item.hint && <span className="context-menu__hint">{item.hint}</span>}
            {item.submenu && (
              <span className="context-menu__arrow" aria-hidden="true">
                ›
              </span>
            )}
          </button>
          {item.submenu && openIndex === index && (
            <div className="context-menu context-menu--sub">
              <MenuList
                items={item.submenu}
                label={item.label}
                onClose={onClose}
                autoFocus={focusSubmenu}
                onBack={() => {
                  setOpenIndex(null);
                  buttons.current[index]?.focus();
                }}
              />
            </div>
          )}
        </div>
      ))}
    </div>
  );
}
