import type { DragEvent, MouseEvent } from 'react';
import type { Session } from '../../../../shared/domain';
import {
  finishSessionDrag,
  reorderDropHandlers,
  startSessionDrag,
  type Orientation,
} from '../../actions/drag-actions';
import { clickSession } from '../../actions/selection-actions';
import { openSessionMenu } from '../../actions/session-menu';
import { useIsSelected } from '../../stores/selection-store';

/**
 * What a row (list) or card (grid) does with the pointer (issue 13): click, Shift- and ⌘/Ctrl-click
 * select; right-click opens its menu; it drags itself or the selection; inside a manual collection's
 * own order it takes drops to reorder. `selected` is the row's own answer from the selection store,
 * so changing the selection re-renders only the rows whose answer changed.
 */
export function useRowInteraction(session: Session, index: number, orientation: Orientation) {
  const selected = useIsSelected(session.id);
  return {
    selected,
    handlers: {
      draggable: true,
      onClick: (event: MouseEvent) => clickSession(session.id, index, event),
      onContextMenu: (event: MouseEvent) => openSessionMenu(event, session.id, index, session.title),
      onDragStart: (event: DragEvent<HTMLElement>) => startSessionDrag(event, session.id, session.title),
      onDragEnd: finishSessionDrag,
      ...reorderDropHandlers(index, orientation),
    },
  };
}
