import type { SessionKind } from '../../../shared/domain';

// Templates and presets are projects on disk but not songs: importing REAPER's ProjectTemplates/
// would add a session per template. The scan still reports them; the "Add folder…" review leaves
// them unticked and says why (issue 12 §3). A folder decides, not the file's own name: a song may
// well be called "Template" but nobody keeps songs in a folder called Templates.

/** REAPER's resource folders, matched whole (and in any case: `TRACKTEMPLATES`). */
const REAPER_RESOURCE_FOLDERS: ReadonlyMap<string, 'template'> = new Map([
  ['projecttemplates', 'template'],
  ['tracktemplates', 'template'],
]);

/** Words of a folder name that make what it holds a template or a preset. */
const WORDS: ReadonlyMap<string, 'template' | 'preset'> = new Map([
  ['template', 'template'],
  ['templates', 'template'],
  ['preset', 'preset'],
  ['presets', 'preset'],
]);

/** How the reason names the DAW: REAPER spells itself in capitals. */
const DAW_LABEL: Partial<Record<SessionKind, string>> = { Reaper: 'REAPER' };

/**
 * Why a project is not imported by default ("REAPER template", "Ableton preset"), or null.
 * `folders` are the names of the folders holding it, outermost first, from the scanned folder
 * (included) down to the project's own: folders above the one the user chose never count, so a
 * user named "Preset" does not see every project set aside. The nearest folder that says so decides.
 */
export function templateReason(folders: readonly string[], kind: SessionKind): string | null {
  for (let index = folders.length - 1; index >= 0; index--) {
    const what = folderVerdict(folders[index]!);
    if (what !== null) return `${DAW_LABEL[kind] ?? kind} ${what}`;
  }
  return null;
}

function folderVerdict(name: string): 'template' | 'preset' | null {
  const whole = REAPER_RESOURCE_FOLDERS.get(name.toLowerCase());
  if (whole !== undefined) return whole;
  for (const word of wordsOf(name)) {
    const verdict = WORDS.get(word);
    if (verdict !== undefined) return verdict;
  }
  return null;
}

/** "ProjectTemplates" → project, templates; "M32 Presets" → m32, presets; "Presets2024" → presets, 2024. */
function wordsOf(name: string): string[] {
  return name
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{L})(\p{N})|(\p{N})(\p{L})/gu, (_, letter, digit, digit2, letter2) =>
      letter !== undefined ? `${letter} ${digit}` : `${digit2} ${letter2}`,
    )
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '');
}
