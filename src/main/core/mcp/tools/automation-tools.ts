import Type from 'typebox';
import type { Core } from '../../create-core';
import { objectOf } from '../json-schema';
import { onlyArgs, requireId, tool, type McpTool } from '../tool';

const SESSION_ID = Type.String({ description: 'The session id (session_…).' });
const AutomationResult = objectOf({ id: Type.String(), opened: Type.Boolean(), focused: Type.Boolean() }, [
  'id',
  'opened',
  'focused',
]);

/** Acting on the desktop: open a project in its DAW, bring SessionDock's window to it. */
export function automationTools(core: Core): McpTool[] {
  const { automation } = core;
  return [
    tool({
      name: 'open_session',
      title: 'Open a session in its DAW',
      description:
        "Opens the session's project with the application the system opens it with (its DAW) and records " +
        'lastOpened. Fails when the session has no project path or the file is gone.',
      input: objectOf({ id: SESSION_ID }, ['id']),
      output: AutomationResult,
      write: true,
      effects: { destructive: false, idempotent: false },
      run: async (args) => {
        onlyArgs(args, ['id']);
        return automation.open(requireId(args, 'id', 'a session id'));
      },
      summary: ({ id }) => `Opened session ${id} in its DAW.`,
    }),
    tool({
      name: 'focus_session',
      title: 'Show a session in SessionDock',
      description:
        "Shows, restores and focuses SessionDock's window with the session selected. Unavailable when " +
        'SessionDock runs headless.',
      input: objectOf({ id: SESSION_ID }, ['id']),
      output: AutomationResult,
      write: true,
      effects: { destructive: false, idempotent: true },
      run: async (args) => {
        onlyArgs(args, ['id']);
        return automation.focus(requireId(args, 'id', 'a session id'));
      },
      summary: ({ id }) => `SessionDock's window shows session ${id}.`,
    }),
  ];
}
