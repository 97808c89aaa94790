import Type from 'typebox';
import type { FastifyRequest } from 'fastify';
import { LIMITS, SESSION_KINDS } from '../../../../shared/domain';
import {
  ABSOLUTE_PATH_NOTE,
  ABSOLUTE_PATH_PATTERN,
  TRIMMED_TEXT_NOTE,
  caseInsensitivePattern,
  trimmedTextPattern,
} from '../../../../shared/validation/json-schema';
import type { Core } from '../../create-core';
import { IMPORT_ITEMS_MAX } from '../../imports/import-request';
import { MIB } from '../error-envelope';
import type { RouteSpec } from '../route-spec';
import { Enum } from '../schemas/common';
import { requireBody } from './require-body';

const importIdOf = (request: FastifyRequest): string => (request.params as { importId: string }).importId;
const ImportIdParams = Type.Object({ importId: Type.String({ description: 'Prefixed import_.' }) });

export const ImportStatus = Type.Object({
  importId: Type.String(),
  total: Type.Integer(),
  completed: Type.Integer({ description: 'Items imported.' }),
  failed: Type.Integer(),
  skipped: Type.Integer(),
  done: Type.Boolean(),
  durationMs: Type.Integer(),
  cancelled: Type.Boolean(),
});

export const ImportStatusWithItems = Type.Object({
  ...ImportStatus.properties,
  items: Type.Array(
    Type.Object({
      projectPath: Type.String(),
      status: Enum(['pending', 'imported', 'skipped', 'failed']),
      sessionId: Type.Optional(Type.String()),
      reason: Type.Optional(Type.String()),
    }),
  ),
});

const KindOrNull = (description: string) =>
  Type.Unsafe<string | null>({
    type: ['string', 'null'],
    pattern: caseInsensitivePattern(SESSION_KINDS),
    description,
  });

export const ImportBody = Type.Object(
  {
    kind: Type.Optional(
      KindOrNull(
        `Default kind when an item's extension says nothing: one of ${SESSION_KINDS.join(', ')}, case-insensitive; null: none.`,
      ),
    ),
    generatePreviews: Type.Optional(Type.Boolean({ description: 'Look for mixdowns next to each project.' })),
    items: Type.Array(
      Type.Object(
        {
          projectPath: Type.String({
            pattern: ABSOLUTE_PATH_PATTERN,
            description: `The project file or bundle. ${ABSOLUTE_PATH_NOTE}`,
          }),
          title: Type.Optional(
            Type.Unsafe<string | null>({
              type: ['string', 'null'],
              pattern: trimmedTextPattern(LIMITS.titleMax),
              description: `Default (or null): the file name. 1-${LIMITS.titleMax} characters. ${TRIMMED_TEXT_NOTE}`,
            }),
          ),
          projectType: Type.Optional(KindOrNull('The kind; default (or null): inferred from the extension.')),
          previewAudioPath: Type.Optional(
            Type.Unsafe<string | null>({
              type: ['string', 'null'],
              pattern: ABSOLUTE_PATH_PATTERN,
              description: `Attached as the preferred preview (null: none). ${ABSOLUTE_PATH_NOTE}`,
            }),
          ),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: IMPORT_ITEMS_MAX },
    ),
  },
  { additionalProperties: false },
);

/** Bulk import: queued at once (202), worked off in the background, status per item. */
export function importRoutes(core: Core): RouteSpec[] {
  return [
    {
      method: 'POST',
      url: '/api/v1/import',
      operationId: 'createImport',
      tag: 'imports',
      summary: 'Import projects in bulk (answers 202 at once; poll the status route)',
      write: true,
      body: ImportBody,
      status: 202,
      data: ImportStatus,
      bodyLimit: 16 * MIB,
      errors: [400, 413, 415],
      handler: (request) => core.imports.start(requireBody(request)),
    },
    {
      method: 'GET',
      url: '/api/v1/import/:importId',
      operationId: 'getImport',
      tag: 'imports',
      summary: 'Progress of an import with per-item results',
      write: false,
      params: ImportIdParams,
      data: ImportStatusWithItems,
      errors: [404],
      handler: (request) => core.imports.status(importIdOf(request)),
    },
    {
      method: 'POST',
      url: '/api/v1/import/:importId/cancel',
      operationId: 'cancelImport',
      tag: 'imports',
      summary: 'Stop an import after the chunk in progress (items not reached fail as cancelled)',
      write: true,
      params: ImportIdParams,
      data: ImportStatus,
      errors: [404],
      handler: (request) => core.imports.cancel(importIdOf(request)),
    },
  ];
}
