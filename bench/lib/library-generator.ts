import type { Core } from '../../src/main/core/create-core';
import {
  DEFAULT_ACCENT,
  SESSION_ACCENTS,
  SESSION_KINDS,
  SESSION_STATUSES,
  type SessionAccent,
  type SessionKind,
  type SessionStatus,
} from '../../src/shared/domain';
import { Random, zipfSampler } from './random';
import { timeOnce } from './timing';

/** A body for `core.sessions.create` (and POST /sessions), as a script would send it. */
export interface SessionCreateInput {
  title: string;
  kind: SessionKind;
  status: SessionStatus;
  accent: SessionAccent;
  client: string;
  tags: string[];
  notes: string;
  projectPath?: string;
}

/** Splits a comma-separated word list (entries may contain spaces). */
function list(words: string): readonly string[] {
  return words.split(',').map((word) => word.trim());
}

// ---------------------------------------------------------------------------------------------
// Vocabularies. Exported so benchmarks can build queries that hit common and rare values.
// ---------------------------------------------------------------------------------------------

export const TITLE_FIRST_WORDS = list(
  'Midnight, Neon, Golden, Velvet, Electric, Summer, Broken, Crystal, Silent, Wild, Lost, Paper, ' +
    'Cosmic, Sunset, Purple, Frozen, Burning, Hollow, Digital, Lunar, Ocean, Desert, City, Analog, ' +
    'Fading, Endless, Secret, Sweet, Dark, Bright, Café, Señorita, Über, Déjà, Mañana, Crème, Noël, ' +
    'Niño',
);

export const TITLE_SECOND_WORDS = list(
  'Drive, Dreams, Lights, Horizon, Echoes, Groove, Fever, Waves, Heart, Skyline, Rain, Fire, Motion, ' +
    'Signal, Pulse, Garden, Runner, Paradise, Memories, Shadows, Highway, Frequency, Gravity, Rhythm, ' +
    'Avenue, Bloom, Voyage, Mirage, Static, Tides, Vu, Amour, Nacht, Corazón, Soirée',
);

export const TITLE_MIX_TYPES = list(
  'Vocal Mix, Club Mix, Radio Edit, Extended Mix, Instrumental, Dub, Remix, Acoustic, Demo, ' +
    'Rough Mix, Stems, Alt Take, Live, Acapella, VIP Mix',
);

const TITLE_SKETCH_WORDS = list('Beat, Sketch, Idea, Loop, Untitled, Jam, Session, Demo');

/** About 80 tags, most common first (sampled with a Zipf-like skew). */
export const TAG_VOCABULARY = list(
  'mix, priority, edm, client-work, vocals, wip, demo, house, needs-master, stems, remix, collab, ' +
    'techno, pop, hip-hop, beats, ambient, lo-fi, trap, revision, drum-and-bass, deep-house, r&b, ' +
    'soul, cinematic, sync, mastered, approved, feedback, deadline, instrumental, radio-edit, club, ' +
    'chill, future-bass, synthwave, disco, funk, afrobeats, reggaeton, latin, indie, rock, jazz, ' +
    'acoustic, score, podcast, live, orchestral, piano, guitar, strings, 808, sample-pack, ' +
    'sound-design, foley, vocal-chops, topline, beat-tape, album, ep, single, unreleased, released, ' +
    'archive, reference, backup, stems-sent, paid, invoice, label, sketch, loop, dubstep, k-pop, folk, ' +
    'country, Café, Über, Señorita',
);

const FIRST_NAMES = list(
  'Alex, Maya, Jordan, Lena, Marcus, Sofia, Noah, Chloé, Diego, Aisha, Kenji, Zoë, Lucas, Amara, ' +
    'Felix, Inès, Omar, Hana, Jonas, Priya, Mateo, Elif, Sam, Björn, Nadia, Theo, Yuki, Rosa, Kofi, ' +
    'Léa',
);

const LAST_NAMES = list(
  'Rivera, Chen, Müller, Okafor, Silva, Novak, Kim, Dubois, Haddad, Jensen, Rossi, Tanaka, García, ' +
    'Singh, Walker, Moreau, Petrov, Nakamura, Costa, Ahmed, Larsen, Fernández, Brooks, Yılmaz, ' +
    'Novotný, Schäfer, Ortiz, Bianchi, Osei, Lindqvist',
);

const COMPANY_WORDS = list(
  'Lumen, Northside, Blue Room, Cobalt, Paper Moon, Redline, Halcyon, Saturn, Wavelength, ' +
    'Nightshift, Foxglove, Ironwood, Solstice, Monarch, Echo Park, Riverstone, Atlas, Kaleido, ' +
    'Brightside, Mosaic',
);
const COMPANY_SUFFIXES = list('Records, Music, Studios, Sound, Audio, Collective, Media, Agency');

/** Sentences for notes; `{client}`, `{n}`, `{hz}`, `{day}`, `{db}` are filled in. */
const NOTE_SENTENCES = [
  'Drums need more punch in the second chorus.',
  'Re-record vocals for verse 2, {client} wants a brighter tone.',
  'Send stems to {client} by {day}.',
  'Mastering revision {n}: bring the limiter down {db} dB.',
  'Synth pad clashes with the bass around {hz} Hz.',
  'EDM drop needs a bigger riser and a longer build.',
  'Bounce a radio edit and an instrumental version.',
  'Kick and bass fight below {hz} Hz, try sidechain.',
  'Vocals sit too far back in the mix, automate the verse.',
  'Client approved revision {n}, waiting on final mastering notes.',
  'Swap the hi-hats for the 808 pattern from the demo.',
  'Stems exported at 24-bit, 48 kHz.',
  'Lead synth is too harsh, cut around 3 kHz.',
  'Bass line in the bridge is out of key.',
  'Try a half-time drum groove for the breakdown.',
  'Backing vocals need tuning before the next revision.',
  'Reference track: the Café mix from last summer.',
  'Señorita topline is great, keep the second take.',
  'Über-compressed master, ask for a dynamic version.',
  'Mix notes from {client}: more low end, less reverb on the snare.',
  'Print the mastering chain and archive the session.',
  'Guitar doubles are slightly out of time in the chorus.',
  'Call {client} on {day} about the release date.',
  'Pitch the vocal chop up an octave for the drop.',
  'Arrangement feels long, cut eight bars before the outro.',
  'Rough mix sent, waiting for feedback.',
  'Sidechain the pads to the kick, sixteenth-note pump.',
  'Revision {n}: new intro, drums muted for the first eight bars.',
] as const;
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'the weekend'] as const;

/** Relative share of each kind; every kind occurs. */
const KIND_WEIGHTS: Record<SessionKind, number> = {
  Ableton: 30,
  'Logic Pro': 22,
  'FL Studio': 15,
  Reaper: 6,
  Cubase: 5,
  Nuendo: 1,
  Bitwig: 4,
  'Studio One': 4,
  'Pro Tools': 6,
  GarageBand: 3,
  DAWproject: 1,
  Other: 3,
};

const STATUS_WEIGHTS: Record<SessionStatus, number> = {
  idea: 18,
  draft: 22,
  'in-progress': 20,
  mixing: 12,
  mastering: 6,
  done: 14,
  archived: 8,
};

/** Where each DAW saves its projects; `{t}` is the title. Windows paths for the Windows-heavy DAWs. */
const PROJECT_PATHS: Record<SessionKind, readonly string[]> = {
  Ableton: [
    '/Users/producer/Music/Projects/{t} Project/{t}.als',
    'C:\\Users\\producer\\Music\\Ableton\\{t} Project\\{t}.als',
  ],
  'Logic Pro': ['/Users/producer/Music/Logic/{t}.logicx', '/Users/producer/Music/Projects/{t}/{t}.logicx'],
  'FL Studio': [
    'C:\\Users\\producer\\Documents\\Image-Line\\FL Studio\\Projects\\{t}.flp',
    '/Users/producer/Documents/Image-Line/FL Studio/Projects/{t}.flp',
  ],
  Reaper: [
    '/Users/producer/Music/Projects/{t}/{t}.rpp',
    'C:\\Users\\producer\\Documents\\REAPER Media\\{t}\\{t}.RPP',
  ],
  Cubase: [
    'C:\\Users\\producer\\Documents\\Cubase Projects\\{t}\\{t}.cpr',
    '/Users/producer/Music/Cubase/{t}/{t}.cpr',
  ],
  Nuendo: ['/Users/producer/Music/Nuendo/{t}/{t}.npr'],
  Bitwig: ['/Users/producer/Documents/Bitwig Studio/Projects/{t}/{t}.bwproject'],
  'Studio One': ['/Users/producer/Documents/Studio One/Songs/{t}/{t}.song'],
  'Pro Tools': ['/Users/producer/Documents/Pro Tools/{t}/{t}.ptx'],
  GarageBand: ['/Users/producer/Music/GarageBand/{t}.band'],
  DAWproject: ['/Users/producer/Music/Exports/{t}.dawproject'],
  Other: [],
};

const NOTES_MAX = 400;

// ---------------------------------------------------------------------------------------------
// Generation
// ---------------------------------------------------------------------------------------------

/** About 300 distinct client names (people and companies), fixed for a given seed. */
export function generateClients(seed: number, count = 300): string[] {
  const random = new Random(seed ^ 0x5eed_c11e);
  const names = new Set<string>();
  const companies = Math.round(count * 0.25);
  while (names.size < companies) {
    names.add(`${random.pick(COMPANY_WORDS)} ${random.pick(COMPANY_SUFFIXES)}`);
  }
  while (names.size < count) names.add(`${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`);
  return random.shuffle([...names]);
}

/**
 * `count` realistic create bodies, the same for the same seed: music-ish titles (some accented),
 * ~300 clients, notes of 0–400 characters, 0–5 Zipf-skewed tags, every kind, status and accent,
 * and project paths that match the kind for most sessions.
 */
export function generateSessionInputs(count: number, seed: number): SessionCreateInput[] {
  const random = new Random(seed);
  const clients = generateClients(seed);
  const sampleClient = zipfSampler(clients, 0.8);
  const sampleTag = zipfSampler(TAG_VOCABULARY, 1);
  const kinds = [...SESSION_KINDS];
  const kindWeights = kinds.map((kind) => KIND_WEIGHTS[kind]);
  const statuses = [...SESSION_STATUSES];
  const statusWeights = statuses.map((status) => STATUS_WEIGHTS[status]);
  const usedPaths = new Map<string, number>();

  const inputs: SessionCreateInput[] = [];
  for (let i = 0; i < count; i++) {
    const title = generateTitle(random);
    const kind = random.weighted(kinds, kindWeights);
    const client = random.chance(0.2) ? '' : sampleClient(random);
    const input: SessionCreateInput = {
      title,
      kind,
      status: random.weighted(statuses, statusWeights),
      accent: random.chance(0.3) ? DEFAULT_ACCENT : random.pick(SESSION_ACCENTS),
      client,
      tags: generateTags(random, sampleTag),
      notes: generateNotes(random, client),
    };
    const templates = PROJECT_PATHS[kind];
    if (templates.length > 0 && random.chance(0.8)) {
      input.projectPath = uniquePath(random.pick(templates), title, usedPaths);
    }
    inputs.push(input);
  }
  return inputs;
}

function generateTitle(random: Random): string {
  const shape = random.float();
  let title: string;
  if (shape < 0.65) title = `${random.pick(TITLE_FIRST_WORDS)} ${random.pick(TITLE_SECOND_WORDS)}`;
  else if (shape < 0.85) title = `${random.pick(TITLE_SECOND_WORDS)} of ${random.pick(TITLE_FIRST_WORDS)}`;
  else title = `${random.pick(TITLE_SKETCH_WORDS)} ${random.int(1, 250)}`;
  if (random.chance(0.35)) title += ` (${random.pick(TITLE_MIX_TYPES)})`;
  const version = random.float();
  if (version < 0.35) title += ` v${random.int(2, 9)}`;
  else if (version < 0.4) title += random.chance(0.5) ? ' final' : ' FINAL final';
  return title;
}

function generateTags(random: Random, sampleTag: (random: Random) => string): string[] {
  const wanted = random.weighted([0, 1, 2, 3, 4, 5], [12, 22, 26, 20, 12, 8]);
  const tags = new Set<string>();
  // Duplicates are drawn again; bounded so a pathological seed cannot loop for long.
  for (let attempt = 0; tags.size < wanted && attempt < 50; attempt++) tags.add(sampleTag(random));
  return [...tags];
}

function generateNotes(random: Random, client: string): string {
  if (random.chance(0.25)) return '';
  const target = random.int(20, NOTES_MAX);
  let notes = '';
  while (notes.length < target) {
    const sentence = random
      .pick(NOTE_SENTENCES)
      .replaceAll('{client}', client || 'the client')
      .replaceAll('{n}', String(random.int(1, 12)))
      .replaceAll('{hz}', String(random.pick([60, 80, 120, 200, 250, 400])))
      .replaceAll('{db}', String(random.int(1, 3)))
      .replaceAll('{day}', random.pick(DAYS));
    notes += (notes === '' ? '' : random.chance(0.15) ? '\n' : ' ') + sentence;
  }
  if (notes.length > NOTES_MAX) {
    const cut = notes.lastIndexOf(' ', NOTES_MAX);
    notes = notes.slice(0, cut > 0 ? cut : NOTES_MAX);
  }
  return notes;
}

/** Fills the template; a title seen before gets " 2", " 3"… so paths stay distinct. */
function uniquePath(template: string, title: string, used: Map<string, number>): string {
  const seen = (used.get(title) ?? 0) + 1;
  used.set(title, seen);
  const name = seen === 1 ? title : `${title} ${seen}`;
  return template.replaceAll('{t}', name);
}

// ---------------------------------------------------------------------------------------------
// Seeding a core
// ---------------------------------------------------------------------------------------------

export interface SeedOptions {
  /** Share of sessions given a lastOpened time (default 0.3). */
  lastOpenedFraction?: number;
  /**
   * 'service' (default): every session through `core.sessions.create`, all in one outer
   * transaction (each create's own transaction becomes a savepoint).
   * 'bulk': core.sessions.createMany, one transaction, indexed for search in one statement.
   */
  via?: 'service' | 'bulk';
  /** The newest created/updated/opened time in the library (default 2025-01-01T00:00:00Z). */
  until?: Date;
  /** How far back creation times reach (default three years). */
  spanDays?: number;
}

export interface SeedResult {
  ids: string[];
  via: 'service' | 'bulk';
  generateMs: number;
  insertMs: number;
  /** Spreading created/updated/lastOpened times with SQL UPDATE. */
  timestampsMs: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Inserts `count` generated sessions into `core` and then, with SQL UPDATE, spreads their
 * creation times over the past `spanDays`, sets updatedAt at or after creation, and gives a
 * fraction of them a lastOpened time. Repeatable for a given seed (session ids excepted: they
 * carry random bytes).
 */
export function seedLibrary(core: Core, count: number, seed: number, options: SeedOptions = {}): SeedResult {
  const via = options.via ?? 'service';
  const { result: inputs, ms: generateMs } = timeOnce(() => generateSessionInputs(count, seed));

  const { result: ids, ms: insertMs } = timeOnce(() =>
    via === 'service' ? insertThroughService(core, inputs) : insertThroughRepository(core, inputs),
  );

  const { ms: timestampsMs } = timeOnce(() =>
    spreadTimestamps(core, ids, new Random(seed ^ 0x7157_a4d5), {
      lastOpenedFraction: options.lastOpenedFraction ?? 0.3,
      until: (options.until ?? new Date('2025-01-01T00:00:00.000Z')).getTime(),
      spanMs: (options.spanDays ?? 3 * 365) * DAY_MS,
    }),
  );
  return { ids, via, generateMs, insertMs, timestampsMs };
}

function insertThroughService(core: Core, inputs: readonly SessionCreateInput[]): string[] {
  return core.db.transaction(() => inputs.map((input) => core.sessions.create(input).id))();
}

/** The bulk path imports use: validated like create, indexed for search in one statement. */
function insertThroughRepository(core: Core, inputs: readonly SessionCreateInput[]): string[] {
  return core.sessions.createMany(inputs);
}

function spreadTimestamps(
  core: Core,
  ids: readonly string[],
  random: Random,
  options: { lastOpenedFraction: number; until: number; spanMs: number },
): void {
  const update = core.db.prepare(
    'UPDATE sessions SET created_at = ?, updated_at = ?, last_opened = ? WHERE id = ?',
  );
  const start = options.until - options.spanMs;
  const step = options.spanMs / Math.max(ids.length, 1);
  core.db.transaction(() => {
    ids.forEach((id, index) => {
      // Creation follows insertion order (as seq does), with a little jitter.
      const created = start + index * step + random.float() * step;
      const remaining = options.until - created;
      // Most sessions are edited soon after creation; a few much later.
      const updated = created + remaining * Math.pow(random.float(), 3);
      const opened = random.chance(options.lastOpenedFraction)
        ? new Date(created + remaining * Math.pow(random.float(), 2)).toISOString()
        : null;
      update.run(new Date(created).toISOString(), new Date(updated).toISOString(), opened, id);
    });
  })();
}
