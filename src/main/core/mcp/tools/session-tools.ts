import Type from 'typebox';
import { SESSION_KINDS } from '../../../../shared/domain';
import type { Core } from '../../create-core';
import {
  ListQuery,
  NotesBody,
  SessionCreate,
  SessionPatch,
  TagsBody,
} from '../../api/schemas/session-schemas';
import { objectOf, propertiesOf, standalone } from '../json-schema';
import { onlyArgs, requireId, takeArgs, tool, type McpTool } from '../tool';
import { count, listLines, sessionLine } from './summaries';

const SESSION_ID = Type.String({ description: 'The session id (session_…), as list_sessions gives it.' });
const SessionResult = objectOf({ session: Type.Ref('Session') }, ['session']);

/**
 * `list_sessions` takes the list's query parameters as JSON: numbers and booleans as themselves,
 * and `tags` as one comma-separated string or an array (the list's parser accepts both forms).
 */
const listInput = (() => {
  const properties: Record<string, unknown> = {};
  // What an empty query-string value means (`?sort=`) is HTTP's business: an argument is given or not.
  for (const [name, schema] of Object.entries(propertiesOf(ListQuery))) {
    const { description, ...rest } = schema as { description?: string };
    const plain = description?.replace(/\s*Empty \(`\w+=`\): [^.]*?, as if not given\./, '').trim();
    properties[name] = plain ? { ...rest, description: plain } : rest;
  }
  properties.kind = {
    type: 'string',
    description: `The DAW, case-insensitive: ${SESSION_KINDS.join(', ')}.`,
  };
  properties.tags = {
    anyOf: [Type.String(), Type.Array(Type.String())],
    description:
      'Only sessions carrying all of these tags (case-insensitive): an array, or one comma-separated string.',
  };
  return objectOf(properties);
})();

/** Search, read and edit sessions: the same services as the Local API's session routes. */
export function sessionTools(core: Core): McpTool[] {
  const { sessions } = core;
  return [
    tool({
      name: 'list_sessions',
      title: 'Search and list sessions',
      description:
        'Lists the sessions of the SessionDock library (one per DAW project), newest change first, with ' +
        'every filter of the Local API: q (words), kind/daw, status, tags, recent, plugin, tempoMin, ' +
        'tempoMax, key, missingSamples, collection, sort, limit (1-500, default 50) and offset for paging. ' +
        'meta.total counts every match.',
      input: listInput,
      output: objectOf(
        {
          sessions: Type.Array(Type.Ref('Session')),
          meta: Type.Object({ total: Type.Integer(), limit: Type.Integer(), offset: Type.Integer() }),
        },
        ['sessions', 'meta'],
      ),
      write: false,
      run: (args) => {
        const { data, meta } = sessions.list(args);
        return { sessions: data, meta };
      },
      summary: ({ sessions: page, meta }) => {
        if (meta.total === 0) return 'No session matches.';
        const shown =
          page.length === 0
            ? `${count(meta.total, 'session')} match; none at offset ${meta.offset}.`
            : `Sessions ${meta.offset + 1}-${meta.offset + page.length} of ${meta.total}:`;
        return page.length === 0 ? shown : `${shown}\n${listLines(page, sessionLine)}`;
      },
    }),
    tool({
      name: 'get_session',
      title: 'Get a session',
      description:
        'One session: title, kind (DAW), status, accent, client, tags, notes, project path, previews and ' +
        'timestamps.',
      input: objectOf({ id: SESSION_ID }, ['id']),
      output: SessionResult,
      write: false,
      run: (args) => {
        onlyArgs(args, ['id']);
        return { session: sessions.get(requireId(args, 'id', 'a session id')) };
      },
      summary: ({ session }) => sessionLine(session),
    }),
    tool({
      name: 'create_session',
      title: 'Create a session',
      description:
        'Adds a session to the library. Only title is required; projectPath (absolute) links it to its ' +
        "DAW project on disk, which SessionDock reads but never modifies. The project's kind is not " +
        'inferred here: give kind, or use start_import for files on disk.',
      input: standalone(SessionCreate) as McpTool['input'],
      output: SessionResult,
      write: true,
      effects: { destructive: false, idempotent: false },
      run: (args) => ({ session: sessions.create(args) }),
      summary: ({ session }) => `Created ${sessionLine(session)}.`,
    }),
    tool({
      name: 'update_session',
      title: 'Update a session',
      description:
        'Changes the fields given (at least one besides id): title, kind, status, accent, client, tags, ' +
        'notes, projectPath. null clears client, notes and projectPath.',
      input: objectOf({ id: SESSION_ID, ...propertiesOf(SessionPatch) }, ['id'], { minProperties: 2 }),
      output: SessionResult,
      write: true,
      effects: { destructive: false, idempotent: true },
      run: (args) => {
        const { rest } = takeArgs(args, ['id']);
        return { session: sessions.patch(requireId(args, 'id', 'a session id'), rest) };
      },
      summary: ({ session }) => `Updated ${sessionLine(session)}.`,
    }),
    tool({
      name: 'delete_session',
      title: 'Delete a session',
      description:
        'Removes a session and everything SessionDock stored for it (tags, notes, previews list, waveform ' +
        'notes) from the library. The project and audio files on disk are never touched.',
      input: objectOf({ id: SESSION_ID }, ['id']),
      output: objectOf({ deleted: Type.Literal(true), id: Type.String() }, ['deleted', 'id']),
      write: true,
      effects: { destructive: true, idempotent: false },
      run: (args) => {
        onlyArgs(args, ['id']);
        return sessions.delete(requireId(args, 'id', 'a session id'));
      },
      summary: ({ id }) => `Deleted session ${id} (its project files are untouched).`,
    }),
    tool({
      name: 'set_tags',
      title: "Replace a session's tags",
      description:
        "Replaces the session's whole tag list (an empty list clears it). Tags are de-duplicated " +
        'case-insensitively; see list_tags for the ones in use.',
      input: objectOf({ id: SESSION_ID, ...propertiesOf(TagsBody) }, ['id', 'tags']),
      output: objectOf({ id: Type.String(), tags: Type.Array(Type.String()) }, ['id', 'tags']),
      write: true,
      effects: { destructive: true, idempotent: true },
      run: (args) => {
        const { rest } = takeArgs(args, ['id']);
        return sessions.replaceTags(requireId(args, 'id', 'a session id'), rest);
      },
      summary: ({ id, tags }) =>
        tags.length === 0 ? `Session ${id} has no tags now.` : `Session ${id} tags: ${tags.join(', ')}.`,
    }),
    tool({
      name: 'set_notes',
      title: "Replace a session's notes",
      description: "Replaces the session's free-text notes; null or an empty string clears them.",
      input: objectOf({ id: SESSION_ID, ...propertiesOf(NotesBody) }, ['id', 'notes']),
      output: objectOf({ id: Type.String(), notes: Type.String() }, ['id', 'notes']),
      write: true,
      effects: { destructive: true, idempotent: true },
      run: (args) => {
        const { rest } = takeArgs(args, ['id']);
        return sessions.setNotes(requireId(args, 'id', 'a session id'), rest);
      },
      summary: ({ id, notes }) =>
        notes === ''
          ? `Session ${id} has no notes now.`
          : `Session ${id} notes saved (${notes.length} chars).`,
    }),
    tool({
      name: 'list_tags',
      title: 'List tags',
      description: 'Every tag in the library with its number of sessions, most used first.',
      input: objectOf({}),
      output: objectOf({ tags: Type.Array(Type.Object({ tag: Type.String(), count: Type.Integer() })) }, [
        'tags',
      ]),
      write: false,
      run: (args) => {
        onlyArgs(args, []);
        return { tags: sessions.tagCounts() };
      },
      summary: ({ tags }) =>
        tags.length === 0
          ? 'No tags yet.'
          : `${count(tags.length, 'tag')}:\n${listLines(tags, (t) => `${t.tag} (${t.count})`)}`,
    }),
  ];
}
