// A realistic library for screenshots and scenario tests: varied titles, clients, tags, kinds,
// statuses, accents and notes; times spread over the last months; some projects on disk, some
// missing, some with a preview. Times are set by steering the core's clock while seeding.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SESSION_ACCENTS, SESSION_STATUSES, type SessionKind } from '../../src/shared/domain';
import type { Core } from '../../src/main/core/create-core';
import { encodeWav } from '../audio/audio-writers';

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

      // A preview mixdown for some (real audio, so the player draws a real waveform).
      if (i % 5 === 1) {
        const file = join(audio, `${title.replace(/[/\\]/g, '-')} mix.wav`);
        writeFileSync(file, trackLikeWav(20 + (i % 4) * 7, i));
        const preview = core.previews.attach(session.id, { path: file });
        if (i === 1) {
          core.waveformNotes.replace(session.id, preview.id, {
            notes: [
              { timestamp: 4.2, text: 'Intro pad too wide, narrow below 200 Hz' },
              { timestamp: 11.8, text: 'Drop: kick and bass fight, sidechain harder' },
              { timestamp: 19.5, text: 'Vocal chop is late by a 1/16' },
            ],
          });
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

/**
 * A mono 11.025 kHz WAV shaped like a track: a quiet intro, a build, a loud drop with a pulsing
 * kick, a breakdown, a second drop and a fade, so waveforms in screenshots look like music.
 */
function trackLikeWav(seconds: number, seed: number): Uint8Array {
  const rate = 11_025;
  const frames = Math.floor(seconds * rate);
  const samples = new Float32Array(frames);
  let noise = seed * 7919 + 1;
  const sections: [number, number][] = [
    [0, 0.22],
    [0.14, 0.55],
    [0.3, 0.88],
    [0.58, 0.34],
    [0.72, 0.93],
    [0.93, 0.12],
  ];
  for (let f = 0; f < frames; f++) {
    const t = f / rate;
    const at = f / frames;
    let level = sections[0]![1];
    for (const [start, value] of sections) if (at >= start) level = value;
    const kick = at > 0.3 ? 1 - 0.55 * ((t * 2) % 1) : 1;
    noise = (noise * 1103515245 + 12345) % 2147483648;
    const hiss = (noise / 2147483648 - 0.5) * 0.25;
    const tone = Math.sin(2 * Math.PI * 110 * t) * 0.5 + Math.sin(2 * Math.PI * 331 * t) * 0.3;
    samples[f] = Math.max(-1, Math.min(1, level * kick * (tone + hiss)));
  }
  return encodeWav({ sampleRate: rate, channels: [samples], format: { kind: 'int', bits: 16 } });
}
