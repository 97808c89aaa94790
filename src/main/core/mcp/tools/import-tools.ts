import Type from 'typebox';
import type { ImportStatus as ImportStatusData } from '../../../../shared/domain';
import type { Core } from '../../create-core';
import { ImportBody, ImportStatus, ImportStatusWithItems } from '../../api/routes/import-routes';
import { objectOf, standalone } from '../json-schema';
import { onlyArgs, requireId, tool, type McpTool } from '../tool';

const IMPORT_ID = Type.String({ description: 'The import id (import_…) start_import returned.' });

function progress(status: ImportStatusData): string {
  const state = status.cancelled ? 'cancelled' : status.done ? 'done' : 'running';
  return (
    `Import ${status.importId} ${state}: ${status.completed} imported, ${status.skipped} skipped, ` +
    `${status.failed} failed of ${status.total}.`
  );
}

/** Bulk import of projects on disk: queued at once, worked off in the background. */
export function importTools(core: Core): McpTool[] {
  const { imports } = core;
  return [
    tool({
      name: 'start_import',
      title: 'Import projects',
      description:
        'Adds DAW projects on disk to the library: each item is an absolute projectPath (a project file ' +
        'or bundle), optionally a title, projectType and previewAudioPath. The kind is inferred from the ' +
        'extension; generatePreviews looks for mixdowns next to each project. Returns at once with an ' +
        'import id: follow it with get_import. Projects already in the library are skipped.',
      input: standalone(ImportBody) as McpTool['input'],
      output: objectOf({ import: ImportStatus }, ['import']),
      write: true,
      effects: { destructive: false, idempotent: false },
      run: (args) => ({ import: imports.start(args) }),
      summary: ({ import: status }) => `Started. ${progress(status)} Follow it with get_import.`,
    }),
    tool({
      name: 'get_import',
      title: "Get an import's progress",
      description:
        "An import's progress and each item's outcome (imported with its sessionId, skipped or failed " +
        'with the reason). Imports are kept for the running app only.',
      input: objectOf({ importId: IMPORT_ID }, ['importId']),
      output: objectOf({ import: ImportStatusWithItems }, ['import']),
      write: false,
      run: (args) => {
        onlyArgs(args, ['importId']);
        return { import: imports.status(requireId(args, 'importId', 'an import id')) };
      },
      summary: ({ import: status }) => progress(status),
    }),
    tool({
      name: 'cancel_import',
      title: 'Cancel an import',
      description:
        'Stops an import: items not yet worked on are skipped; sessions already imported stay. Cancelling ' +
        'a finished import changes nothing.',
      input: objectOf({ importId: IMPORT_ID }, ['importId']),
      output: objectOf({ import: ImportStatus }, ['import']),
      write: true,
      effects: { destructive: false, idempotent: true },
      run: (args) => {
        onlyArgs(args, ['importId']);
        return { import: imports.cancel(requireId(args, 'importId', 'an import id')) };
      },
      summary: ({ import: status }) => progress(status),
    }),
  ];
}
