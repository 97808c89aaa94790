import { IMPORT_ITEMS_MAX, type SessionKind } from '../../../shared/domain';
import { invalidInput } from '../../../shared/errors';
import { parseKind, parseProjectPath, parseTitle } from '../../../shared/validation';
import { isPlainObject } from '../../../shared/validation/text';

export { IMPORT_ITEMS_MAX };

export interface ImportItemInput {
  projectPath: string;
  title?: string;
  projectType?: SessionKind;
  previewAudioPath?: string;
}

export interface ImportRequest {
  kind: SessionKind | null;
  generatePreviews: boolean;
  items: ImportItemInput[];
}

const BODY_FIELDS = ['kind', 'generatePreviews', 'items'];
const ITEM_FIELDS = ['projectPath', 'title', 'projectType', 'previewAudioPath'];

/** Validates `POST /import`'s body (and the window's import request) before anything is queued. */
export function parseImportRequest(body: unknown): ImportRequest {
  if (!isPlainObject(body)) throw invalidInput('body must be a JSON object with an items array');
  refuseUnknown(body, BODY_FIELDS, 'field');
  const { items } = body;
  if (!Array.isArray(items) || items.length < 1 || items.length > IMPORT_ITEMS_MAX) {
    throw invalidInput(`items must be an array of 1-${IMPORT_ITEMS_MAX.toLocaleString('en-US')} objects`);
  }
  if (body.generatePreviews !== undefined && typeof body.generatePreviews !== 'boolean') {
    throw invalidInput('generatePreviews must be true or false');
  }
  return {
    kind: body.kind === undefined || body.kind === null ? null : parseKind(body.kind),
    generatePreviews: body.generatePreviews === true,
    items: items.map((item, index) => parseItem(item, `items[${index}]`)),
  };
}

function parseItem(item: unknown, field: string): ImportItemInput {
  if (!isPlainObject(item)) throw invalidInput(`${field} must be an object with a projectPath`);
  refuseUnknown(item, ITEM_FIELDS, `${field} field`);
  const prefixed = <T>(parse: () => T): T => {
    try {
      return parse();
    } catch (error) {
      throw invalidInput(`${field}.${(error as Error).message}`);
    }
  };
  const projectPath = prefixed(() => parseProjectPath(item.projectPath));
  if (projectPath === null) throw invalidInput(`${field}.projectPath is required`);
  const parsed: ImportItemInput = { projectPath };
  if (item.title !== undefined && item.title !== null) parsed.title = prefixed(() => parseTitle(item.title));
  if (item.projectType !== undefined && item.projectType !== null) {
    parsed.projectType = prefixed(() => parseKind(item.projectType, 'projectType'));
  }
  if (item.previewAudioPath !== undefined && item.previewAudioPath !== null) {
    const path = prefixed(() => parseProjectPath(item.previewAudioPath, 'previewAudioPath'));
    if (path) parsed.previewAudioPath = path;
  }
  return parsed;
}

function refuseUnknown(object: Record<string, unknown>, known: string[], what: string): void {
  const unknown = Object.keys(object).filter((key) => !known.includes(key));
  if (unknown.length > 0)
    throw invalidInput(`unknown ${what}${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`);
}
