// Every SessionWrite rule of local-api.md §4, exercised through the service (create and patch):
// valid input is normalised and stored, invalid input is refused with `invalid_input` naming the
// field, and a refused write changes no row and fires no event.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  SESSION_ACCENTS,
  SESSION_KINDS,
  SESSION_READ_ONLY_FIELDS,
  SESSION_STATUSES,
  type Session,
} from '../../src/shared/domain';
import { PROJECT_EXTENSIONS } from '../../src/shared/kinds';
import {
  countRows,
  createTempCore,
  expectAppError,
  recordEvents,
  snapshotSessionTables,
  type TempCore,
} from '../helpers/temp-core';

let t: TempCore;
let recorder: ReturnType<typeof recordEvents>;
/** A session that patch tests change. */
let existing: Session;

beforeEach(() => {
  t = createTempCore();
  existing = t.core.sessions.create({
    title: 'Existing',
    kind: 'Reaper',
    status: 'mixing',
    accent: 'teal',
    client: 'Acme',
    tags: ['one', 'two'],
    notes: 'some notes',
    projectPath: '/Music/Existing.rpp',
  });
  recorder = recordEvents(t.core);
});

afterEach(() => {
  recorder.stop();
  t.cleanup();
});

function create(body: Record<string, unknown>): Session {
  return t.core.sessions.create(body);
}

function patch(body: unknown): Session {
  return t.core.sessions.patch(existing.id, body);
}

/** Expects `write` to fail with invalid_input mentioning `field`, writing nothing and emitting nothing. */
function expectRefused(write: () => unknown, field: string | RegExp): void {
  const before = snapshotSessionTables(t.core);
  recorder.clear();
  expectAppError(write, 'invalid_input', field);
  expect(snapshotSessionTables(t.core)).toEqual(before);
  expect(recorder.events).toEqual([]);
}

/** The same invalid field refused both on create (with a valid title) and on patch. */
function expectFieldRefused(field: string, value: unknown, messageField: string | RegExp = field): void {
  const sessionsBefore = countRows(t.core, 'sessions');
  expectRefused(() => create({ title: 'Valid title', [field]: value }), messageField);
  expect(countRows(t.core, 'sessions')).toBe(sessionsBefore);
  const current = t.core.sessions.get(existing.id);
  expectRefused(() => patch({ [field]: value }), messageField);
  expect(t.core.sessions.get(existing.id)).toEqual(current);
}

describe('title', () => {
  it('is required on create', () => {
    expectRefused(() => create({}), 'title');
    expectRefused(() => create({ kind: 'Ableton', status: 'idea' }), 'title');
    expect(countRows(t.core, 'sessions')).toBe(1);
  });

  it('is trimmed on create and on patch', () => {
    expect(create({ title: '  \t Late Night Mix \n ' }).title).toBe('Late Night Mix');
    expect(patch({ title: '   Renamed   ' }).title).toBe('Renamed');
    expect(t.core.sessions.get(existing.id).title).toBe('Renamed');
  });

  it('keeps inner whitespace as typed', () => {
    expect(create({ title: 'A  B' }).title).toBe('A  B');
  });

  it.each([
    ['an empty string', ''],
    ['only spaces', '    '],
    ['only whitespace of several kinds', ' \t\n\r '],
  ])('refuses %s', (_label, value) => {
    expectFieldRefused('title', value);
  });

  it('accepts 200 characters and refuses 201', () => {
    const max = 'a'.repeat(200);
    expect(create({ title: max }).title).toBe(max);
    expect(patch({ title: max }).title).toBe(max);
    expectFieldRefused('title', 'a'.repeat(201));
  });

  it('counts the length after trimming', () => {
    const max = 'b'.repeat(200);
    expect(create({ title: `   ${max}   ` }).title).toBe(max);
  });

  it('counts characters (code points), not UTF-16 units', () => {
    const emoji = '🎸'.repeat(200); // 400 UTF-16 units
    expect(emoji.length).toBe(400);
    expect(create({ title: emoji }).title).toBe(emoji);
    expect(patch({ title: `é${'🥁'.repeat(199)}` }).title).toBe(`é${'🥁'.repeat(199)}`);
    expectFieldRefused('title', '🎸'.repeat(201));
  });

  it.each([
    ['a number', 42],
    ['null', null],
    ['a boolean', true],
    ['an array', ['Song']],
    ['an object', { text: 'Song' }],
  ])('refuses %s', (_label, value) => {
    expectFieldRefused('title', value);
  });
});

describe('kind', () => {
  it.each(SESSION_KINDS.map((kind) => [kind]))(
    'accepts %s in any case and stores the canonical spelling',
    (kind) => {
      const spellings = [kind, kind.toLowerCase(), kind.toUpperCase(), swapCase(kind)];
      for (const spelling of spellings) {
        const created = create({ title: `As ${spelling}`, kind: spelling });
        expect(created.kind).toBe(kind);
        expect(t.core.sessions.get(created.id).kind).toBe(kind);
      }
      for (const spelling of spellings) {
        expect(patch({ kind: spelling }).kind).toBe(kind);
      }
    },
  );

  it.each([
    ['an unknown name', 'Ableton Live'],
    ['a partial name', 'Logic'],
    ['a name without its space', 'ProTools'],
    ['an empty string', ''],
    ['a number', 3],
    ['null', null],
    ['an array', ['Ableton']],
  ])('refuses %s', (_label, value) => {
    expectFieldRefused('kind', value);
  });

  describe('default inferred from the projectPath extension', () => {
    const cases = Object.entries(PROJECT_EXTENSIONS);

    it('covers every extension in PROJECT_EXTENSIONS', () => {
      expect(cases.length).toBeGreaterThanOrEqual(12);
    });

    it.each(cases)('%s → %s', (extension, kind) => {
      const paths = [
        `/Users/me/Music/Song${extension}`,
        `/Users/me/Music/Song${extension.toUpperCase()}`,
        `/Users/me/Music/My.Song.v2${extension}`,
        `/Users/me/Music/Song${extension}/`,
        `C:\\Users\\me\\Music\\Song${extension}`,
        `C:\\Users\\me\\Music\\Song${extension}\\`,
      ];
      for (const projectPath of paths) {
        const created = create({ title: 'Inferred', projectPath });
        expect(created.kind, projectPath).toBe(kind);
        // Stored in its canonical spelling: no trailing separator (test/core/project-path-rule.test.ts).
        expect(created.projectPath).toBe(projectPath.replace(/[\\/]$/, ''));
      }
    });

    it('infers Logic Pro for a .logicx bundle folder given with a trailing slash', () => {
      expect(create({ title: 'Bundle', projectPath: '/x/Song.logicx/' }).kind).toBe('Logic Pro');
      expect(create({ title: 'Bundle', projectPath: '/x/Song.band/' }).kind).toBe('GarageBand');
    });

    it.each([
      ['an unknown extension', '/Music/Song.wav'],
      ['no extension', '/Music/Song'],
      ['a known extension on a parent folder only', '/Music/Album.als/Song'],
      ['a Windows path with an unknown extension', 'C:\\Music\\Song.mp3'],
    ])('falls back to Other for %s', (_label, projectPath) => {
      expect(create({ title: 'Fallback', projectPath }).kind).toBe('Other');
    });

    it('is Other without a projectPath', () => {
      expect(create({ title: 'No path' }).kind).toBe('Other');
      expect(create({ title: 'Null path', projectPath: null }).kind).toBe('Other');
    });

    it('never overrides an explicit kind', () => {
      expect(create({ title: 'Explicit', kind: 'bitwig', projectPath: '/Music/Song.als' }).kind).toBe(
        'Bitwig',
      );
      expect(create({ title: 'Explicit', kind: 'Other', projectPath: '/Music/Song.flp' }).kind).toBe('Other');
    });

    it('is not re-inferred when a patch changes only projectPath', () => {
      const updated = patch({ projectPath: '/Music/Other.als' });
      expect(updated.projectPath).toBe('/Music/Other.als');
      expect(updated.kind).toBe('Reaper');
    });
  });
});

describe('status', () => {
  it('defaults to draft', () => {
    expect(create({ title: 'Defaults' }).status).toBe('draft');
  });

  it.each(SESSION_STATUSES.map((status) => [status]))('accepts %s on create and patch', (status) => {
    expect(create({ title: 'S', status }).status).toBe(status);
    expect(patch({ status }).status).toBe(status);
    expect(t.core.sessions.get(existing.id).status).toBe(status);
  });

  it.each([
    ['an unknown value', 'finished'],
    ['a near miss', 'in progress'],
    ['an empty string', ''],
    ['a number', 1],
    ['null', null],
  ])('refuses %s', (_label, value) => {
    expectFieldRefused('status', value);
  });
});

describe('accent', () => {
  it('defaults to gradient', () => {
    expect(create({ title: 'Defaults' }).accent).toBe('gradient');
  });

  it.each(SESSION_ACCENTS.map((accent) => [accent]))('accepts %s on create and patch', (accent) => {
    expect(create({ title: 'A', accent }).accent).toBe(accent);
    expect(patch({ accent }).accent).toBe(accent);
  });

  it.each([
    ['an unknown colour', 'purple'],
    ['an empty string', ''],
    ['a CSS colour', '#ff0000'],
    ['a number', 0],
    ['null', null],
  ])('refuses %s', (_label, value) => {
    expectFieldRefused('accent', value);
  });
});

describe('client', () => {
  it('defaults to an empty string', () => {
    expect(create({ title: 'Defaults' }).client).toBe('');
  });

  it('is trimmed', () => {
    expect(create({ title: 'C', client: '  Acme Records  ' }).client).toBe('Acme Records');
    expect(patch({ client: '\tNew Client\n' }).client).toBe('New Client');
  });

  it('may be empty, and null clears it', () => {
    expect(create({ title: 'C', client: '' }).client).toBe('');
    expect(create({ title: 'C', client: null }).client).toBe('');
    expect(patch({ client: null }).client).toBe('');
    expect(t.core.sessions.get(existing.id).client).toBe('');
  });

  it('accepts 200 characters (code points) and refuses 201', () => {
    expect(create({ title: 'C', client: 'c'.repeat(200) }).client).toBe('c'.repeat(200));
    expect(create({ title: 'C', client: '🎹'.repeat(200) }).client).toBe('🎹'.repeat(200));
    expect(create({ title: 'C', client: ` ${'c'.repeat(200)} ` }).client).toBe('c'.repeat(200));
    expectFieldRefused('client', 'c'.repeat(201));
    expectFieldRefused('client', '🎹'.repeat(201));
  });

  it.each([
    ['a number', 7],
    ['a boolean', false],
    ['an array', ['Acme']],
  ])('refuses %s', (_label, value) => {
    expectFieldRefused('client', value);
  });
});

describe('tags', () => {
  it('defaults to an empty list', () => {
    expect(create({ title: 'Defaults' }).tags).toEqual([]);
  });

  it('keeps order and de-duplicates case-insensitively, the first spelling winning', () => {
    const tags = ['Lo-Fi', 'ambient', 'LO-FI', 'Ambient', 'Vocals', 'lo-fi'];
    const created = create({ title: 'T', tags });
    expect(created.tags).toEqual(['Lo-Fi', 'ambient', 'Vocals']);
    expect(t.core.sessions.get(created.id).tags).toEqual(['Lo-Fi', 'ambient', 'Vocals']);
    expect(patch({ tags: ['zeta', 'ALPHA', 'Zeta', 'alpha'] }).tags).toEqual(['zeta', 'ALPHA']);
  });

  it('trims and collapses inner whitespace', () => {
    expect(create({ title: 'T', tags: ['  late   night \t mix  ', 'a\n\nb'] }).tags).toEqual([
      'late night mix',
      'a b',
    ]);
  });

  it('de-duplicates after normalising whitespace', () => {
    expect(create({ title: 'T', tags: ['Late Night', '  late   NIGHT '] }).tags).toEqual(['Late Night']);
  });

  it('de-duplicates non-ASCII tags case-insensitively', () => {
    expect(create({ title: 'T', tags: ['Été', 'ÉTÉ', 'été'] }).tags).toEqual(['Été']);
  });

  it('accepts an empty list, which clears the tags on patch', () => {
    expect(create({ title: 'T', tags: [] }).tags).toEqual([]);
    expect(patch({ tags: [] }).tags).toEqual([]);
    expect(t.core.sessions.get(existing.id).tags).toEqual([]);
  });

  it('accepts tags of 40 characters and refuses 41', () => {
    const max = 't'.repeat(40);
    expect(create({ title: 'T', tags: [max] }).tags).toEqual([max]);
    expect(create({ title: 'T', tags: ['🎧'.repeat(40)] }).tags).toEqual(['🎧'.repeat(40)]);
    expectFieldRefused('tags', ['ok', 't'.repeat(41)]);
    expectFieldRefused('tags', ['🎧'.repeat(41)]);
  });

  it('measures the length after trimming and collapsing whitespace', () => {
    const collapsesTo40 = `  ${'a'.repeat(20)}      ${'b'.repeat(19)}  `; // 'a'×20 + ' ' + 'b'×19
    expect(create({ title: 'T', tags: [collapsesTo40] }).tags).toEqual([
      `${'a'.repeat(20)} ${'b'.repeat(19)}`,
    ]);
  });

  it.each([
    ['an empty string tag', ['rock', '']],
    ['a whitespace-only tag', ['   ']],
    ['a number in the list', ['rock', 5]],
    ['null in the list', [null]],
    ['a nested array', [['rock']]],
  ])('refuses %s', (_label, value) => {
    expectFieldRefused('tags', value);
  });

  it.each([
    ['a comma-separated string', 'rock,pop'],
    ['a single string', 'rock'],
    ['null', null],
    ['an object', { 0: 'rock' }],
    ['a number', 1],
  ])('refuses a non-array: %s', (_label, value) => {
    expectFieldRefused('tags', value);
  });

  it('accepts 32 distinct tags and refuses 33', () => {
    const tags32 = Array.from({ length: 32 }, (_, i) => `tag${i}`);
    expect(create({ title: 'T', tags: tags32 }).tags).toEqual(tags32);
    expect(patch({ tags: tags32 }).tags).toEqual(tags32);
    recorder.clear();
    expectFieldRefused('tags', [...tags32, 'tag32']);
  });

  it('counts distinct tags: 33 entries with one case-duplicate are 32 tags', () => {
    const tags32 = Array.from({ length: 32 }, (_, i) => `tag${i}`);
    expect(create({ title: 'T', tags: [...tags32, 'TAG0'] }).tags).toEqual(tags32);
  });
});

describe('notes', () => {
  it('defaults to an empty string', () => {
    expect(create({ title: 'Defaults' }).notes).toBe('');
  });

  it('accepts 100,000 characters and refuses 100,001', () => {
    const max = 'n'.repeat(100_000);
    expect(create({ title: 'N', notes: max }).notes).toBe(max);
    expect(patch({ notes: max }).notes).toBe(max);
    expectFieldRefused('notes', 'n'.repeat(100_001));
  });

  it('counts characters (code points), not UTF-16 units', () => {
    const max = '🎼'.repeat(100_000);
    expect(create({ title: 'N', notes: max }).notes).toBe(max);
    expectFieldRefused('notes', '🎼'.repeat(100_001));
  });

  it('null clears them', () => {
    expect(create({ title: 'N', notes: null }).notes).toBe('');
    expect(patch({ notes: null }).notes).toBe('');
    expect(t.core.sessions.get(existing.id).notes).toBe('');
  });

  it.each([
    ['a number', 12],
    ['an array', ['a']],
    ['an object', { text: 'a' }],
  ])('refuses %s', (_label, value) => {
    expectFieldRefused('notes', value);
  });
});

describe('projectPath', () => {
  it('defaults to null, with projectOriginalPath null', () => {
    const created = create({ title: 'P' });
    expect(created.projectPath).toBeNull();
    expect(created.projectOriginalPath).toBeNull();
  });

  // Stored in its canonical spelling (test/core/project-path-rule.test.ts has the whole rule).
  it.each([
    ['a POSIX path', '/Users/me/Music/Song.als', '/Users/me/Music/Song.als'],
    ['a POSIX bundle folder', '/Users/me/Music/Song.logicx/', '/Users/me/Music/Song.logicx'],
    ['a Windows path', 'C:\\Users\\me\\Music\\Song.flp', 'C:\\Users\\me\\Music\\Song.flp'],
    ['a Windows path with a lower-case drive', 'd:\\Projects\\Song.cpr', 'D:\\Projects\\Song.cpr'],
    ['a Windows path with forward slashes', 'C:/Users/me/Music/Song.rpp', 'C:\\Users\\me\\Music\\Song.rpp'],
    ['a UNC path', '\\\\studio-nas\\projects\\Song.ptx', '\\\\studio-nas\\projects\\Song.ptx'],
  ])('accepts %s', (_label, projectPath, stored) => {
    expect(create({ title: 'P', projectPath }).projectPath).toBe(stored);
    expect(patch({ projectPath }).projectPath).toBe(stored);
  });

  it('accepts null, which clears the path on patch', () => {
    expect(create({ title: 'P', projectPath: null }).projectPath).toBeNull();
    expect(patch({ projectPath: null }).projectPath).toBeNull();
    expect(t.core.sessions.get(existing.id).projectPath).toBeNull();
  });

  it.each([
    ['a bare file name', 'Song.als'],
    ['a relative folder path', 'Music/Song.als'],
    ['a dot-relative path', './Song.als'],
    ['a parent-relative path', '../Song.als'],
    ['a home-relative path', '~/Music/Song.als'],
    ['a drive-relative Windows path', 'C:Song.als'],
    ['a Windows relative path', 'Music\\Song.als'],
    ['an empty string', ''],
    ['a number', 5],
    ['an array', ['/Music/Song.als']],
  ])('refuses %s', (_label, value) => {
    expectFieldRefused('projectPath', value);
  });

  it('sets projectOriginalPath to the first path on create; later patches never change it', () => {
    expect(existing.projectOriginalPath).toBe('/Music/Existing.rpp');
    expect(patch({ projectPath: '/Moved/Existing.rpp' }).projectOriginalPath).toBe('/Music/Existing.rpp');
    expect(patch({ projectPath: null }).projectOriginalPath).toBe('/Music/Existing.rpp');
    const last = patch({ projectPath: 'D:\\Backup\\Existing.rpp' });
    expect(last.projectPath).toBe('D:\\Backup\\Existing.rpp');
    expect(last.projectOriginalPath).toBe('/Music/Existing.rpp');
    expect(t.core.sessions.get(existing.id).projectOriginalPath).toBe('/Music/Existing.rpp');
  });

  it('sets projectOriginalPath on the first patch that gives a path, then keeps it', () => {
    const created = create({ title: 'Pathless' });
    expect(created.projectOriginalPath).toBeNull();
    expect(t.core.sessions.patch(created.id, { title: 'Still pathless' }).projectOriginalPath).toBeNull();
    const first = t.core.sessions.patch(created.id, { projectPath: '/First/Song.als' });
    expect(first.projectOriginalPath).toBe('/First/Song.als');
    const second = t.core.sessions.patch(created.id, { projectPath: '/Second/Song.als' });
    expect(second.projectPath).toBe('/Second/Song.als');
    expect(second.projectOriginalPath).toBe('/First/Song.als');
  });

  it('projectOriginalPath itself cannot be written', () => {
    expectFieldRefused('projectOriginalPath', '/Elsewhere/Song.als');
  });
});

describe('body shape', () => {
  it.each(SESSION_READ_ONLY_FIELDS.map((field) => [field]))(
    'refuses the read-only field %s, naming it',
    (field) => {
      const value = field === 'previews' ? [] : field === 'lastOpened' ? null : 'x';
      expectFieldRefused(field, value);
    },
  );

  it.each([['name'], ['daw'], ['Title'], ['tag'], ['description'], ['constructor']])(
    'refuses the unknown field %s, naming it',
    (field) => {
      expectFieldRefused(field, 'x');
    },
  );

  it('refuses a JSON "__proto__" key as an unknown field', () => {
    const body = JSON.parse('{"title": "Proto", "__proto__": {"id": "session_evil"}}') as Record<
      string,
      unknown
    >;
    expectRefused(() => create(body), '__proto__');
    expectRefused(() => patch(JSON.parse('{"__proto__": {"title": "x"}}')), '__proto__');
  });

  it('refuses the whole body when one field is unknown, applying none of the valid ones', () => {
    expectRefused(() => create({ title: 'Valid', status: 'done', colour: 'red' }), 'colour');
    expectRefused(() => patch({ title: 'Changed', status: 'done', colour: 'red' }), 'colour');
    expect(t.core.sessions.get(existing.id)).toEqual(existing);
  });

  it('refuses the whole body when one field is invalid, applying none of the valid ones', () => {
    expectRefused(() => patch({ title: 'Changed', status: 'bogus' }), 'status');
    expectRefused(() => patch({ tags: ['new'], notes: 5 }), 'notes');
    expect(t.core.sessions.get(existing.id)).toEqual(existing);
  });

  it('names every offending field', () => {
    const error = expectAppError(() => create({ title: 'x', alpha: 1, beta: 2 }), 'invalid_input');
    expect(error.message).toContain('alpha');
    expect(error.message).toContain('beta');
  });

  it.each([
    ['null', null],
    ['an array', [{ title: 'x' }]],
    ['a string', '{"title":"x"}'],
    ['a number', 1],
    ['undefined', undefined],
  ])('refuses a body that is %s', (_label, body) => {
    expectRefused(() => t.core.sessions.create(body), /body/);
    expectRefused(() => patch(body), /body/);
  });

  it('refuses a patch with no field', () => {
    expectRefused(() => patch({}), /at least one field/);
    expect(t.core.sessions.get(existing.id)).toEqual(existing);
  });

  it('answers not_found "session not found" to a patch of an unknown id', () => {
    const before = snapshotSessionTables(t.core);
    recorder.clear();
    const error = expectAppError(
      () => t.core.sessions.patch('session_doesnotexist', { title: 'x' }),
      'not_found',
    );
    expect(error.message).toBe('session not found');
    expectAppError(() => t.core.sessions.patch(42, { title: 'x' }), 'not_found', 'session not found');
    expectAppError(() => t.core.sessions.patch(undefined, { title: 'x' }), 'not_found', 'session not found');
    expect(snapshotSessionTables(t.core)).toEqual(before);
    expect(recorder.events).toEqual([]);
  });

  it('names the field and the rule in the title message', () => {
    const error = expectAppError(() => create({ title: '' }), 'invalid_input');
    expect(error.message).toMatch(/^title\b/);
    expect(error.message).toContain('200');
  });
});

function swapCase(value: string): string {
  return [...value].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join('');
}
