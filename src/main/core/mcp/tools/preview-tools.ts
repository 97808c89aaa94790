import Type from 'typebox';
import type { Core } from '../../create-core';
import {
  LaneBody,
  NoteLane,
  PreferredPreviewBody,
  PreviewAttachBody,
  VariantQuery,
  WaveformNote,
} from '../../api/routes/preview-routes';
import { objectOf, propertiesOf } from '../json-schema';
import { onlyArgs, requireId, takeArgs, tool, type McpTool } from '../tool';
import { count, listLines } from './summaries';

const SESSION_ID = Type.String({ description: 'The session id (session_…).' });
const LANE_ADDRESS = { id: SESSION_ID, ...propertiesOf(VariantQuery) };

/** `m:ss.s` — how a producer reads a position in a mixdown. */
function clock(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  return `${minutes}:${(seconds - minutes * 60).toFixed(1).padStart(4, '0')}`;
}

function laneSummary(lane: {
  sessionId: string;
  variantId: string;
  notes: { timestamp: number; text: string }[];
}): string {
  const head = `${count(lane.notes.length, 'waveform note')} on preview ${lane.variantId} of session ${lane.sessionId}`;
  return lane.notes.length === 0
    ? `${head}.`
    : `${head}:\n${listLines(lane.notes, (note) => `${clock(note.timestamp)} ${note.text}`)}`;
}

/** Previews (mixdowns) and their timestamped waveform notes. */
export function previewTools(core: Core): McpTool[] {
  const { previews, waveformNotes } = core;
  return [
    tool({
      name: 'get_preview',
      title: "Get a session's previews",
      description:
        "The session's preview mixdowns: status (none, ready, missing, unreadable), the preferred one, " +
        'every attached audio file, and the URLs of its audio and waveform on the Local API.',
      input: objectOf({ id: SESSION_ID }, ['id']),
      output: objectOf({ preview: Type.Ref('PreviewInfo') }, ['preview']),
      write: false,
      run: (args) => {
        onlyArgs(args, ['id']);
        return { preview: previews.info(requireId(args, 'id', 'a session id')) };
      },
      summary: ({ preview }) =>
        preview.previews.length === 0
          ? `Session ${preview.id} has no preview.`
          : `Session ${preview.id}: preview ${preview.previewStatus}, ${count(preview.previews.length, 'file')}:\n` +
            listLines(
              preview.previews,
              (p) =>
                `${p.name} (${p.status})${p.id === preview.preferredPreviewId ? ' preferred' : ''} id ${p.id}`,
            ),
    }),
    tool({
      name: 'attach_preview',
      title: 'Attach a preview mixdown',
      description:
        'Attaches an audio file on disk (absolute path) as a preview of the session; the file is only ' +
        'read. preferred: true makes it the one played and drawn.',
      input: objectOf({ id: SESSION_ID, ...propertiesOf(PreviewAttachBody) }, ['id', 'path']),
      output: objectOf({ preview: Type.Ref('Preview') }, ['preview']),
      write: true,
      effects: { destructive: false, idempotent: false },
      run: (args) => {
        const { rest } = takeArgs(args, ['id']);
        return { preview: previews.attach(requireId(args, 'id', 'a session id'), rest) };
      },
      summary: ({ preview }) => `Attached "${preview.name}" (${preview.status}) id ${preview.id}.`,
    }),
    tool({
      name: 'detach_preview',
      title: 'Detach a preview',
      description: 'Takes a preview off the session. The audio file itself is never touched.',
      input: objectOf(
        {
          id: SESSION_ID,
          previewId: Type.String({ description: 'The preview id, as get_preview lists it.' }),
        },
        ['id', 'previewId'],
      ),
      output: objectOf({ deleted: Type.Literal(true), id: Type.String() }, ['deleted', 'id']),
      write: true,
      effects: { destructive: true, idempotent: false },
      run: (args) => {
        onlyArgs(args, ['id', 'previewId']);
        const id = requireId(args, 'id', 'a session id');
        return previews.detach(id, requireId(args, 'previewId', 'a preview id'));
      },
      summary: ({ id }) => `Detached preview ${id} (the audio file is untouched).`,
    }),
    tool({
      name: 'set_preferred_preview',
      title: 'Choose the preferred preview',
      description:
        'Chooses which preview is played and drawn for the session, a choice automatic detection never ' +
        'overrides; null goes back to the automatic choice.',
      input: objectOf({ id: SESSION_ID, ...propertiesOf(PreferredPreviewBody) }, [
        'id',
        'preferredPreviewId',
      ]),
      output: objectOf({ preview: Type.Ref('PreviewInfo') }, ['preview']),
      write: true,
      effects: { destructive: false, idempotent: true },
      run: (args) => {
        const { rest } = takeArgs(args, ['id']);
        return { preview: previews.prefer(requireId(args, 'id', 'a session id'), rest) };
      },
      summary: ({ preview }) =>
        `Session ${preview.id} plays ${preview.preferredPreviewId ?? 'no preview'} (${preview.previewStatus}).`,
    }),
    tool({
      name: 'get_waveform_notes',
      title: 'Get waveform notes',
      description:
        "The timestamped notes on a preview's waveform (seconds from the start), sorted by time. " +
        'variantId picks a preview; default: the preferred one.',
      input: objectOf(LANE_ADDRESS, ['id']),
      output: objectOf({ lane: NoteLane }, ['lane']),
      write: false,
      run: (args) => {
        onlyArgs(args, ['id', 'variantId']);
        return { lane: waveformNotes.get(requireId(args, 'id', 'a session id'), args.variantId) };
      },
      summary: ({ lane }) => laneSummary(lane),
    }),
    tool({
      name: 'add_waveform_note',
      title: 'Add a waveform note',
      description:
        "Adds one note at a time position (seconds) on a preview's waveform, keeping the others. " +
        'variantId picks a preview; default: the preferred one.',
      input: objectOf(
        {
          ...LANE_ADDRESS,
          timestamp: WaveformNote.properties.timestamp,
          text: WaveformNote.properties.text,
        },
        ['id', 'timestamp', 'text'],
      ),
      output: objectOf({ lane: NoteLane }, ['lane']),
      write: true,
      effects: { destructive: false, idempotent: false },
      run: (args) => {
        onlyArgs(args, ['id', 'variantId', 'timestamp', 'text']);
        const id = requireId(args, 'id', 'a session id');
        const { own, rest } = takeArgs(args, ['id', 'variantId']);
        return { lane: waveformNotes.add(id, own.variantId, rest) };
      },
      summary: ({ lane }) => `Added. ${laneSummary(lane)}`,
    }),
    tool({
      name: 'replace_waveform_notes',
      title: 'Replace waveform notes',
      description:
        "Replaces every note on a preview's waveform (an empty list clears them). A note sent with the " +
        'id it was read with keeps its createdAt.',
      input: objectOf({ ...LANE_ADDRESS, ...propertiesOf(LaneBody) }, ['id', 'notes']),
      output: objectOf({ lane: NoteLane }, ['lane']),
      write: true,
      effects: { destructive: true, idempotent: true },
      run: (args) => {
        const { own, rest } = takeArgs(args, ['id', 'variantId']);
        return { lane: waveformNotes.replace(requireId(own, 'id', 'a session id'), own.variantId, rest) };
      },
      summary: ({ lane }) => `Saved. ${laneSummary(lane)}`,
    }),
  ];
}
