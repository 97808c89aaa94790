import Type from 'typebox';
import { ABSOLUTE_PATH_NOTE, ABSOLUTE_PATH_PATTERN } from '../../../../shared/validation/json-schema';
import { MAX_IMAGE_FILE_BYTES } from '../../artwork/artwork-input';
import { ARTWORK_FORMATS, FORMATS_IN_WORDS } from '../../artwork/image-formats';
import { THUMBNAIL_SIZES } from '../../artwork/make-thumbnail';
import { Enum } from './common';

/** `PUT /sessions/{id}/artwork` [ours]: the session's artwork as set. */
export const ArtworkData = Type.Object({
  id: Type.String({ description: 'The session id.' }),
  source: Enum(['file', 'found', 'stored'] as const, {
    description:
      "file: a user's image chosen by path; found: the obvious image in the project's folder, picked on " +
      'import; stored: an image pasted or dropped in the window, kept by SessionDock in its data folder.',
  }),
  path: Type.Union([Type.String(), Type.Null()], {
    description: "The user's image file (only ever read), or null for a stored image.",
  }),
  format: Enum(ARTWORK_FORMATS),
  width: Type.Integer({ description: 'Pixels, as read when the artwork was set.' }),
  height: Type.Integer({
    description: 'Pixels (one frame of an animation), as read when the artwork was set.',
  }),
  setAt: Type.String({ format: 'date-time' }),
  smallUrl: Type.String({ description: 'GET it for the 160 px square thumbnail.' }),
  largeUrl: Type.String({ description: 'GET it for the thumbnail within 640 × 640.' }),
});

export const ArtworkPathBody = Type.Object(
  {
    path: Type.String({
      pattern: ABSOLUTE_PATH_PATTERN,
      description:
        `An existing image file (${FORMATS_IN_WORDS}, as its content says; at most ` +
        `${MAX_IMAGE_FILE_BYTES / 1024 / 1024} MiB) that decodes. It is only read, never copied or changed. ` +
        ABSOLUTE_PATH_NOTE,
    }),
  },
  { additionalProperties: false },
);

export const ArtworkQuery = Type.Object(
  {
    size: Type.Optional(
      Enum(THUMBNAIL_SIZES, {
        default: 'large',
        description:
          'small: a 160 px square cropped from the centre (list rows, grid cards); large: the whole image ' +
          'within 640 × 640. Never enlarged. Empty (`size=`): large, as if not given.',
      }),
    ),
  },
  { additionalProperties: false },
);

const ETAG_HEADER = {
  ETag: {
    description: 'Changes when the image file (path, size, modification time) or its artwork changes.',
    schema: { type: 'string' },
  },
};

export const ThumbnailResponses = {
  200: {
    description: 'The thumbnail, WebP; made once per state of the image file and cached.',
    headers: ETAG_HEADER,
    content: { 'image/webp': { schema: { type: 'string', format: 'binary' } } },
  },
  304: {
    description: 'If-None-Match named the current ETag: nothing changed, no body.',
    headers: ETAG_HEADER,
  },
};
