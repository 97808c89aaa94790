// The tempo and key filter controls: what was typed, checked before it becomes a query, so a bad
// value is explained beside the field and never sent (main would answer invalid_input).
import { formatKey, parseKey } from '../../../shared/musical-key';
import { TEMPO_FILTER_MAX, TEMPO_FILTER_MIN } from '../../../shared/validation/list-query';
import type { ProjectFilters } from '../stores/library-query';
import { formatBpm } from './project-format';

export interface FilterDraft {
  tempoMin: string;
  tempoMax: string;
  key: string;
}

export type FilterField = keyof FilterDraft;

export type FilterCheck =
  | { ok: true; filters: Pick<ProjectFilters, 'tempoMin' | 'tempoMax' | 'key'> }
  | { ok: false; field: FilterField; message: string };

const KEY_MAX = 40;

export function draftOf(filters: ProjectFilters): FilterDraft {
  return {
    tempoMin: filters.tempoMin === null ? '' : formatBpm(filters.tempoMin),
    tempoMax: filters.tempoMax === null ? '' : formatBpm(filters.tempoMax),
    key: filters.key ?? '',
  };
}

/** The filters the draft asks for, or the first field that is wrong and why. */
export function checkFilterDraft(draft: FilterDraft): FilterCheck {
  const tempoMin = parseTempo(draft.tempoMin);
  if (tempoMin === undefined) return { ok: false, field: 'tempoMin', message: tempoRule() };
  const tempoMax = parseTempo(draft.tempoMax);
  if (tempoMax === undefined) return { ok: false, field: 'tempoMax', message: tempoRule() };
  if (tempoMin !== null && tempoMax !== null && tempoMin > tempoMax)
    return { ok: false, field: 'tempoMax', message: 'The highest tempo is below the lowest.' };
  const keyText = draft.key.trim();
  let key: string | null = null;
  if (keyText !== '') {
    const parsed = keyText.length <= KEY_MAX ? parseKey(keyText) : null;
    if (parsed === null)
      return { ok: false, field: 'key', message: 'Not a key: try C, F# minor, Bbm or D dorian.' };
    // One spelling in the chip and the query; main matches enharmonic ones anyway.
    key = formatKey(parsed);
  }
  return { ok: true, filters: { tempoMin, tempoMax, key } };
}

/** null for an empty field, undefined for one that is not a tempo main would take. */
function parseTempo(text: string): number | null | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (!/^\d+(\.\d+)?$/.test(trimmed)) return undefined;
  const bpm = Number(trimmed);
  return bpm >= TEMPO_FILTER_MIN && bpm <= TEMPO_FILTER_MAX ? bpm : undefined;
}

function tempoRule(): string {
  return `Tempo is a number of bpm from ${TEMPO_FILTER_MIN} to ${TEMPO_FILTER_MAX}.`;
}

/** "Tempo 120–130 bpm", "Tempo ≥ 120 bpm", "Tempo ≤ 90 bpm"; null when there is no tempo filter. */
export function tempoFilterLabel(filters: Pick<ProjectFilters, 'tempoMin' | 'tempoMax'>): string | null {
  const { tempoMin, tempoMax } = filters;
  if (tempoMin !== null && tempoMax !== null)
    return tempoMin === tempoMax
      ? `Tempo ${formatBpm(tempoMin)} bpm`
      : `Tempo ${formatBpm(tempoMin)}–${formatBpm(tempoMax)} bpm`;
  if (tempoMin !== null) return `Tempo ≥ ${formatBpm(tempoMin)} bpm`;
  if (tempoMax !== null) return `Tempo ≤ ${formatBpm(tempoMax)} bpm`;
  return null;
}
