import Type from 'typebox';
import type { Collection } from '../../../../shared/domain';
import type { Core } from '../../create-core';
import {
  CollectionCreate,
  CollectionPatch,
  CollectionSessionsAddBody,
  CollectionSessionsBody,
} from '../../api/schemas/collection-schemas';
import { objectOf, propertiesOf, standalone } from '../json-schema';
import { onlyArgs, requireId, takeArgs, tool, type McpTool } from '../tool';
import { count, listLines } from './summaries';

const COLLECTION_ID = Type.String({
  description: 'The collection id (collection_…), as list_collections gives it.',
});
const CollectionResult = objectOf({ collection: Type.Ref('Collection') }, ['collection']);

function collectionLine(collection: Collection): string {
  return `"${collection.name}" (${collection.kind}, ${count(collection.sessionCount, 'session')}) id ${collection.id}`;
}

/**
 * Collections (issue 13): manual ones hold sessions in their own order, smart ones are saved
 * filters. Sessions of either are listed by list_sessions { collection }.
 */
export function collectionTools(core: Core): McpTool[] {
  const { collections } = core;
  const withId = (
    name: string,
    title: string,
    description: string,
    body: { properties: Record<string, unknown> },
    required: string[],
    effects: { destructive: boolean; idempotent: boolean },
    run: (id: string, body: Record<string, unknown>) => Collection,
    verb: string,
  ): McpTool =>
    tool({
      name,
      title,
      description,
      input: objectOf({ id: COLLECTION_ID, ...propertiesOf(body) }, ['id', ...required]),
      output: CollectionResult,
      write: true,
      effects,
      run: (args) => {
        const { rest } = takeArgs(args, ['id']);
        return { collection: run(requireId(args, 'id', 'a collection id'), rest) };
      },
      summary: ({ collection }) => `${verb} ${collectionLine(collection)}.`,
    });

  return [
    tool({
      name: 'list_collections',
      title: 'List collections',
      description:
        'Every collection in sidebar order: manual ones (sessions put in them) and smart ones (saved ' +
        "filters), with their number of sessions. List one's sessions with list_sessions { collection: id }.",
      input: objectOf({}),
      output: objectOf({ collections: Type.Array(Type.Ref('Collection')) }, ['collections']),
      write: false,
      run: (args) => {
        onlyArgs(args, []);
        return { collections: collections.list() };
      },
      summary: ({ collections: all }) =>
        all.length === 0
          ? 'No collections yet.'
          : `${count(all.length, 'collection')}:\n${listLines(all, collectionLine)}`,
    }),
    tool({
      name: 'get_collection',
      title: 'Get a collection',
      description: 'One collection: name, kind, saved filters (smart), number of sessions, place.',
      input: objectOf({ id: COLLECTION_ID }, ['id']),
      output: CollectionResult,
      write: false,
      run: (args) => {
        onlyArgs(args, ['id']);
        return { collection: collections.get(requireId(args, 'id', 'a collection id')) };
      },
      summary: ({ collection }) => collectionLine(collection),
    }),
    tool({
      name: 'create_collection',
      title: 'Create a collection',
      description:
        'Creates a manual collection (name only) or a smart one (name and query: the list_sessions filters ' +
        'to save). Names are unique regardless of case.',
      input: standalone(CollectionCreate) as McpTool['input'],
      output: CollectionResult,
      write: true,
      effects: { destructive: false, idempotent: false },
      run: (args) => ({ collection: collections.create(args) }),
      summary: ({ collection }) => `Created ${collectionLine(collection)}.`,
    }),
    withId(
      'update_collection',
      'Update a collection',
      "Renames a collection, moves it in the sidebar (position) or changes a smart one's filters (query).",
      CollectionPatch,
      [],
      { destructive: false, idempotent: true },
      (id, body) => collections.update(id, body),
      'Updated',
    ),
    tool({
      name: 'delete_collection',
      title: 'Delete a collection',
      description: 'Deletes a collection. Its sessions stay in the library.',
      input: objectOf({ id: COLLECTION_ID }, ['id']),
      output: objectOf({ deleted: Type.Literal(true), id: Type.String() }, ['deleted', 'id']),
      write: true,
      effects: { destructive: true, idempotent: false },
      run: (args) => {
        onlyArgs(args, ['id']);
        return collections.delete(requireId(args, 'id', 'a collection id'));
      },
      summary: ({ id }) => `Deleted collection ${id} (its sessions stay in the library).`,
    }),
    withId(
      'add_to_collection',
      'Add sessions to a collection',
      'Adds sessions to a manual collection, appended in the order given, or placed at position (moving ' +
        'those already in it). Ids already in it count once.',
      CollectionSessionsAddBody,
      ['sessionIds'],
      { destructive: false, idempotent: true },
      (id, body) => collections.addSessions(id, body),
      'Added to',
    ),
    withId(
      'set_collection_sessions',
      "Replace a collection's sessions",
      'Replaces the sessions of a manual collection with these, in this order (an empty list empties it).',
      CollectionSessionsBody,
      ['sessionIds'],
      { destructive: true, idempotent: true },
      (id, body) => collections.setSessions(id, body),
      'Replaced the sessions of',
    ),
    tool({
      name: 'remove_from_collection',
      title: 'Remove a session from a collection',
      description: 'Takes one session out of a manual collection; the session stays in the library.',
      input: objectOf(
        { id: COLLECTION_ID, sessionId: Type.String({ description: 'The session id (session_…).' }) },
        ['id', 'sessionId'],
      ),
      output: CollectionResult,
      write: true,
      effects: { destructive: true, idempotent: true },
      run: (args) => {
        onlyArgs(args, ['id', 'sessionId']);
        const id = requireId(args, 'id', 'a collection id');
        return { collection: collections.removeSession(id, requireId(args, 'sessionId', 'a session id')) };
      },
      summary: ({ collection }) => `Removed from ${collectionLine(collection)}.`,
    }),
  ];
}
