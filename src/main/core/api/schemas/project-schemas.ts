import Type from 'typebox';
import { PROJECT_STATUSES } from '../../../../shared/project-metadata';
import { Enum } from './common';

const PLUGIN_FORMATS = ['VST', 'VST3', 'AU', 'CLAP', 'AAX', 'JS', 'built-in'] as const;
const TRACK_TYPES = ['audio', 'midi', 'instrument', 'group', 'return', 'master', 'other'] as const;
const Nullable = <T extends Type.TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** `GET /sessions/{id}/project` [ours]: what the project file says, or why nothing could be read. */
export const ProjectData = Type.Object(
  {
    sessionId: Type.String(),
    projectPath: Nullable(Type.String()),
    status: Enum(PROJECT_STATUSES, {
      description:
        'ready: read; pending: not read yet (reading happens in the background); unreadable: the file ' +
        'could not be parsed (message says why); unsupported: a format SessionDock cannot read (Pro Tools); ' +
        'missing: the session has no project, or the file is gone.',
    }),
    message: Nullable(Type.String({ description: 'Why the status is not ready.' })),
    readAt: Nullable(Type.String({ format: 'date-time', description: 'When the file was last read.' })),
    dawVersion: Nullable(
      Type.String({ description: 'The saving application and version, as the file says.' }),
    ),
    tempo: Nullable(Type.Number({ description: 'bpm' })),
    timeSignature: Nullable(Type.String({ description: 'e.g. 4/4' })),
    key: Nullable(
      Type.String({ description: 'Only when the file really sets one, spelled "<root> <mode>" (F# minor).' }),
    ),
    sampleRate: Nullable(Type.Number()),
    trackCount: Type.Integer(),
    tracks: Type.Array(Type.Object({ name: Type.String(), type: Enum(TRACK_TYPES) })),
    plugins: Type.Array(
      Type.Object({
        name: Type.String(),
        vendor: Nullable(Type.String()),
        format: Enum(PLUGIN_FORMATS),
        instances: Type.Integer({ minimum: 1 }),
      }),
      { description: 'Most instances first.' },
    ),
    samples: Type.Array(
      Type.Object({
        storedPath: Type.String({ description: 'As the project stores it.' }),
        resolvedPath: Type.String({ description: 'Where it is on this disk, or its likeliest place.' }),
        exists: Type.Boolean(),
      }),
      { description: 'At most 5,000, missing ones first when capped; sampleCount counts them all.' },
    ),
    sampleCount: Type.Integer(),
    missingSampleCount: Type.Integer(),
    savedAt: Nullable(Type.String({ description: 'When the file says it was saved (ISO), if it does.' })),
  },
  { $id: 'Project' },
);

/** `GET /plugins` [ours]. */
export const PluginUsageList = Type.Array(
  Type.Object({
    name: Type.String(),
    vendor: Nullable(Type.String()),
    format: Enum(PLUGIN_FORMATS),
    sessions: Type.Integer({ description: 'Sessions whose project uses it.' }),
  }),
);
