import {
  ErrorCode,
  McpError,
  type ReadResourceResult,
  type Resource,
} from '@modelcontextprotocol/sdk/types.js';
import { isAppError } from '../../../shared/errors';
import type { Core } from '../create-core';

/** `sessiondock://sessions/{id}`: a session as an agent reads it for context. */
export const SESSION_URI_TEMPLATE = 'sessiondock://sessions/{id}';
const SESSION_URI = /^sessiondock:\/\/sessions\/([^/?#]+)$/;
const JSON_MIME = 'application/json';
/** Sessions per resources/list page (the newest changes first). */
export const RESOURCES_PAGE = 100;
/** MCP's code for a resource that does not exist (the specification's "Resource not found"). */
const RESOURCE_NOT_FOUND = -32002;

export function sessionUri(id: string): string {
  return `sessiondock://sessions/${encodeURIComponent(id)}`;
}

/**
 * One page of sessions as resources, newest change first. The cursor is the offset of the page,
 * opaque to clients; one that is not ours is refused.
 */
export function listSessionResources(
  core: Core,
  cursor: string | undefined,
): { resources: Resource[]; nextCursor?: string } {
  const offset = cursor === undefined ? 0 : Number(cursor);
  if (!Number.isSafeInteger(offset) || offset < 0 || (cursor !== undefined && String(offset) !== cursor))
    throw new McpError(ErrorCode.InvalidParams, 'cursor must be a nextCursor this server returned');
  const { data, meta } = core.sessions.list({ limit: RESOURCES_PAGE, offset });
  const next = offset + data.length;
  return {
    resources: data.map((session) => ({
      uri: sessionUri(session.id),
      name: session.title,
      title: session.title,
      description: `${session.kind} session, ${session.status}${session.client ? `, for ${session.client}` : ''}`,
      mimeType: JSON_MIME,
    })),
    ...(next < meta.total && { nextCursor: String(next) }),
  };
}

/**
 * The session with what its project file says and the notes on its preferred preview's waveform:
 * what list_sessions, get_project and get_waveform_notes would give, in one read.
 */
export function readSessionResource(core: Core, uri: string): ReadResourceResult {
  const match = SESSION_URI.exec(uri);
  if (!match)
    throw new McpError(
      ErrorCode.InvalidParams,
      `unknown resource: ${uri} (expected ${SESSION_URI_TEMPLATE})`,
    );
  let id: string;
  try {
    id = decodeURIComponent(match[1]!);
  } catch {
    throw new McpError(ErrorCode.InvalidParams, `unknown resource: ${uri}`);
  }
  try {
    const session = core.sessions.get(id);
    const project = core.projects.project(id);
    const waveformNotes =
      session.preferredPreviewId === null ? [] : core.waveformNotes.get(id, undefined).notes;
    return {
      contents: [{ uri, mimeType: JSON_MIME, text: JSON.stringify({ session, project, waveformNotes }) }],
    };
  } catch (error) {
    if (isAppError(error) && error.code === 'not_found')
      throw new McpError(RESOURCE_NOT_FOUND, `Resource not found: no session ${id}`, { uri });
    throw error;
  }
}
