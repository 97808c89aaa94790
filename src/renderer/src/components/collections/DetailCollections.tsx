import { useEffect, useMemo, useState } from 'react';
import type { Collection, Session } from '../../../../shared/domain';
import {
  addToCollection,
  removeFromCollection,
  showCollection,
  startNewCollection,
} from '../../actions/collection-actions';
import { collectionsHolding } from '../../actions/collection-membership';
import { useCollectionsStore } from '../../stores/app-stores';
import { useContextMenuStore, type MenuItem } from '../../stores/context-menu-store';
import { CloseIcon, PlusIcon } from '../icons';
import { CollectionIcon, SmartCollectionIcon } from './CollectionIcons';

/** After an edit or a collection change, ask again once things settle. */
const LOOKUP_DELAY_MS = 150;

/**
 * The detail panel's Collections (issue 13): the collections that hold this session (a click shows
 * one; × takes it out of a manual one; a smart one holds it by its search, so it has no ×), and
 * "Add to collection" for the manual ones it is not in yet.
 */
export function DetailCollections({ session }: { session: Session }) {
  const collections = useCollectionsStore((state) => state.collections);
  const holding = useHolding(session, collections);
  const held = collections.filter((collection) => holding?.has(collection.id));
  const addable = collections.filter(
    (collection) => collection.kind === 'manual' && !holding?.has(collection.id),
  );

  const openAddMenu = (x: number, y: number): void => {
    const items: MenuItem[] = [
      ...addable.map((collection) => ({
        label: collection.name,
        hint: collection.sessionCount.toLocaleString('en-US'),
        testId: 'menu-add-to-collection',
        run: () => void addToCollection(collection, [session.id]),
      })),
      {
        label: 'New collection…',
        testId: 'menu-new-collection',
        separator: addable.length > 0,
        run: () => startNewCollection([session.id]),
      },
    ];
    useContextMenuStore
      .getState()
      .open({ x, y, label: 'Add to collection', items, testId: 'collection-add-menu' });
  };

  return (
    <section className="detail-collections" aria-label="Collections" data-testid="detail-collections">
      <h3 className="detail-collections__title">Collections</h3>
      <div className="detail-collections__chips" aria-busy={holding === null}>
        {held.map((collection) => (
          <CollectionChip key={collection.id} collection={collection} sessionId={session.id} />
        ))}
        {holding !== null && held.length === 0 && (
          <span className="detail-collections__none">In no collection</span>
        )}
        <button
          type="button"
          className="button button--small button--ghost detail-collections__add"
          aria-haspopup="menu"
          data-testid="detail-add-to-collection"
          onClick={(event) => {
            const rect = event.currentTarget.getBoundingClientRect();
            openAddMenu(rect.left, rect.bottom + 4);
          }}
        >
          <PlusIcon size={12} /> Add to collection
        </button>
      </div>
    </section>
  );
}

function CollectionChip({ collection, sessionId }: { collection: Collection; sessionId: string }) {
  const smart = collection.kind === 'smart';
  return (
    <span
      className="collection-chip"
      data-testid="detail-collection"
      data-collection-id={collection.id}
      data-kind={collection.kind}
    >
      <button
        type="button"
        className="collection-chip__name"
        title={
          smart
            ? `${collection.name} — smart collection: its search finds this session`
            : `Show “${collection.name}”`
        }
        onClick={() => showCollection(collection)}
      >
        {smart ? <SmartCollectionIcon size={12} /> : <CollectionIcon size={12} />}
        {collection.name}
      </button>
      {!smart && (
        <button
          type="button"
          className="collection-chip__remove"
          aria-label={`Remove from ${collection.name}`}
          data-testid="detail-collection-remove"
          onClick={() => void removeFromCollection(collection, [sessionId])}
        >
          <CloseIcon size={10} />
        </button>
      )}
    </span>
  );
}

/**
 * The ids of the collections holding the session, or null while the first answer is on its way.
 * A manual collection's members change only with the collection, so those are asked again when the
 * collections change (a drop, a removal); a smart one's also when the session changes (an edit can
 * bring it into the search or out of it).
 */
function useHolding(session: Session, collections: readonly Collection[]): Set<string> | null {
  const manual = useMemo(() => collections.filter((c) => c.kind === 'manual'), [collections]);
  const smart = useMemo(() => collections.filter((c) => c.kind === 'smart'), [collections]);
  const inManual = useLookup(session, manual, '');
  const inSmart = useLookup(session, smart, session.updatedAt);
  return useMemo(
    () => (inManual === null || inSmart === null ? null : new Set([...inManual, ...inSmart])),
    [inManual, inSmart],
  );
}

/** Asks which of `collections` hold the session, again when they change or `also` does. */
function useLookup(session: Session, collections: readonly Collection[], also: string): Set<string> | null {
  const [answer, setAnswer] = useState<{ sessionId: string; ids: Set<string> } | null>(null);
  const signature = collections.map((c) => `${c.id}:${c.updatedAt}:${c.sessionCount}`).join('|');
  useEffect(() => {
    let current = true;
    const timer = window.setTimeout(() => {
      void collectionsHolding(session.id).then((ids) => {
        if (current) setAnswer({ sessionId: session.id, ids });
      });
    }, LOOKUP_DELAY_MS);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
    // Asked again when the collections change (the signature: a refresh with the same contents asks
    // nothing again) or the parts of the session that matter do (`also`).
  }, [session.id, signature, also]);
  return answer?.sessionId === session.id ? answer.ids : null;
}
