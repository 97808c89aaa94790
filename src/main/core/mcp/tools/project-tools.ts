import Type from 'typebox';
import type { Core } from '../../create-core';
import { PluginUsageList, ProjectData } from '../../api/schemas/project-schemas';
import { objectOf } from '../json-schema';
import { onlyArgs, requireId, tool, type McpTool } from '../tool';
import { count, listLines } from './summaries';

/** What the project files say (issue 12): one session's project, and plugins across the library. */
export function projectTools(core: Core): McpTool[] {
  const { projects } = core;
  return [
    tool({
      name: 'get_project',
      title: "Read a session's project metadata",
      description:
        "What the session's DAW project file says: DAW version, tempo, time signature, key, sample rate, " +
        'tracks, plugins and samples (with the missing ones). status says whether it was read (ready), ' +
        'is being read (pending), or why not (unreadable, unsupported, missing).',
      input: objectOf({ id: Type.String({ description: 'The session id (session_…).' }) }, ['id']),
      output: objectOf({ project: ProjectData }, ['project']),
      write: false,
      run: (args) => {
        onlyArgs(args, ['id']);
        return { project: projects.project(requireId(args, 'id', 'a session id')) };
      },
      summary: ({ project }) => {
        if (project.status !== 'ready') return `Project ${project.status}: ${project.message ?? ''}`.trim();
        const facts = [
          project.dawVersion,
          project.tempo === null ? null : `${project.tempo} bpm`,
          project.timeSignature,
          project.key,
          project.sampleRate === null ? null : `${project.sampleRate} Hz`,
        ].filter((fact): fact is string => fact !== null);
        return `Project of session ${project.sessionId}: ${facts.join(', ') || 'no details'}.`;
      },
    }),
    tool({
      name: 'list_plugins',
      title: 'List plugins used',
      description:
        "Every plugin the library's projects use, with the number of sessions using it, most used first. " +
        'Filter sessions by one with list_sessions { plugin }.',
      input: objectOf({}),
      output: objectOf({ plugins: PluginUsageList }, ['plugins']),
      write: false,
      run: (args) => {
        onlyArgs(args, []);
        return { plugins: projects.plugins() };
      },
      summary: ({ plugins }) =>
        plugins.length === 0
          ? 'No plugin found in the projects read so far.'
          : `${count(plugins.length, 'plugin')}:\n${listLines(plugins, (p) => `${p.name} (${count(p.sessions, 'session')})`)}`,
    }),
  ];
}
