// A realistic library for screenshots and scenario tests: varied titles, clients, tags, kinds,
// statuses, accents and notes; times spread over the last months; some projects on disk, some
// missing, some with a preview. Times are set by steering the core's clock while seeding.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SESSION_ACCENTS, SESSION_STATUSES, type SessionKind } from '../../src/shared/domain';
import type { Core } from '../../src/main/core/create-core';

const TITLES = [
  'Night Drive',
  'Glass Hour (extended mix)',
  'Velvet Static',
  'Paper Boats',
  'Northern Lights — live set',
  'Coastline',
  'Afterglow v3',
  'Low Tide',
  'Signal Fire',
  'Marigold',
  'Concrete Garden',
  'Heatwave (Mara Keane remix)',
  'Slow Orbit',
  'Cinder & Smoke',
  'Tape Loops No. 4',
  'Blue Hour',
  'Halogen',
  'Parallel Lines',
  'Sundial',
  'Weightless',
  'Echo Chamber',
  'Ferris Wheel',
  'The Long Way Home',
  'Neon Rain',
  'Static Bloom',
  'Quiet Machines',
  'Satellite Heart',
  'Undertow',
  'Gold Dust',
  'Polaroid Summer',
  'Kinetic',
  'Moth to a Flame',
  'Driftwood',
  'Metro Lines',
  'Silverscreen Cue 12',
  'Wildflower',
  'Subzero',
  'Lantern Festival',
  'Daybreak Sketch',
  'Hollow Bones',
  'Open Water',
  'Vantablack',
  'Cassette Dreams',
  'Glasshouse',
  'First Light',
  'Rooftop Session',
  'Mirage',
  'Soft Focus',
  'Lighthouse Keeper',
  'Pulse Width',
  'Radio Silence',
  'Amber Waves',
  'Overpass',
  'Nocturne in G',
  'Skyline Jam',
  'Monsoon',
  'Starling',
  'Hyperreal',
  'Late Checkout',
  'Homecoming',
];

const CLIENTS = [
  'Luna Park Records',
  'Mara Keane',
  'Oslo Sound Co.',
  '',
  'Bright Signal Films',
  'Kite & Key',
  'Ada Novak',
  'Self-release',
  'Northbound Agency',
  '',
];

const TAG_SETS = [
  ['synthwave', 'vocals'],
  ['ambient', 'stems'],
  ['techno', '132 bpm', 'club'],
  ['film', 'cue', 'client'],
  ['remix', 'vocals', 'needs mix'],
  [],
  ['lofi', 'beat tape'],
  ['collab', 'live set'],
  ['pop', 'vocals', 'radio edit', 'stems', 'needs master'],
  ['sketch'],
];

const NOTES = [
  'Bridge needs a lift — try the Juno pad an octave up. Vocal comp from take 3.',
  '',
  'Client wants the drop 8 bars earlier. Stems due Friday.',
  'Sidechain the reverb bus. Check mono compatibility on the sub.',
  '',
  'Reference: the Tycho mix. Keep the tape saturation subtle.',
];

/** A moment `days` days before now (fractions allowed). */
function daysAgo(days: number): Date {
  return new Date(Date.now() - days * 24 * 60 * 60 * 1000);
}

export interface SeededLibrary {
  projectDir: string;
  /** Titles in creation order. */
  titles: string[];
}

const EXTENSIONS: Partial<Record<SessionKind, string>> = {
  Ableton: '.als',
  'Logic Pro': '.logicx',
  'FL Studio': '.flp',
  Reaper: '.rpp',
  Cubase: '.cpr',
  Nuendo: '.npr',
  Bitwig: '.bwproject',
  'Studio One': '.song',
  'Pro Tools': '.ptx',
  GarageBand: '.band',
  DAWproject: '.dawproject',
};

// The kinds producers use most come up most often.
const KIND_WEIGHTS: SessionKind[] = [
  'Ableton',
  'Ableton',
  'Logic Pro',
  'Ableton',
  'FL Studio',
  'Logic Pro',
  'Reaper',
  'Bitwig',
  'Ableton',
  'Studio One',
  'Pro Tools',
  'Cubase',
  'Logic Pro',
  'GarageBand',
  'DAWproject',
  'Other',
];

export function seedLibrary(core: Core, count = TITLES.length): SeededLibrary {
  const projectDir = mkdtempSync(join(tmpdir(), 'sessiondock-projects-'));
  const audio = join(projectDir, 'Bounces');
  mkdirSync(audio);
  const clock = core.clock as { now: () => Date };
  const realNow = clock.now;
  const titles: string[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const title = TITLES[i % TITLES.length]!;
      const kind = KIND_WEIGHTS[i % KIND_WEIGHTS.length]!;
      const extension = EXTENSIONS[kind] ?? '.proj';
      // Two in three on disk, one in eight missing (moved away), the rest without a project.
      let projectPath: string | null = null;
      if (i % 8 === 3) projectPath = `/Volumes/Archive/Projects/${title}${extension}`;
      else if (i % 3 !== 2) {
        projectPath = join(projectDir, `${title.replace(/[/\\]/g, '-')}${extension}`);
        writeFileSync(projectPath, 'project');
      }

      const createdAge = 120 - i * 1.9;
      const created = daysAgo(createdAge);
      clock.now = () => created;
      const session = core.sessions.create({
        title,
        kind: kind === 'Other' ? 'Other' : kind,
        status: SESSION_STATUSES[(i * 3) % SESSION_STATUSES.length],
        accent: SESSION_ACCENTS[(i * 5) % SESSION_ACCENTS.length],
        client: CLIENTS[i % CLIENTS.length],
        tags: TAG_SETS[i % TAG_SETS.length],
        notes: NOTES[i % NOTES.length],
        projectPath,
      });
      titles.push(title);

      // A preview mixdown for some, so rows show their play button.
      const previews = (core as unknown as { previews?: { attach(id: string, body: unknown): unknown } })
        .previews;
      if (previews && i % 5 === 1) {
        const file = join(audio, `${title.replace(/[/\\]/g, '-')} mix.wav`);
        writeFileSync(file, Buffer.alloc(64));
        try {
          previews.attach(session.id, { path: file });
        } catch {
          // Previews are decoration here; the library is what the screenshots show.
        }
      }

      const edited = daysAgo(Math.max(0.01, 60 - i * 0.97));
      clock.now = () => edited;
      core.sessions.patch(session.id, { status: SESSION_STATUSES[(i * 3 + 1) % SESSION_STATUSES.length] });
      if (i % 2 === 0) {
        const opened = daysAgo(Math.min((i % 11) * 2.3 + 0.004, createdAge / 2));
        clock.now = () => opened;
        core.sessions.markOpened(session.id);
      }
    }
  } finally {
    clock.now = realNow;
  }
  return { projectDir, titles };
}
