import type { ProjectSummary } from '../../../shared/project-metadata';
import { useProjectSummaryStore } from '../stores/app-stores';

/** The list's project columns for one session; undefined until its chunk's summaries arrive. */
export function useProjectSummary(sessionId: string): ProjectSummary | undefined {
  // Runs again on every change to the store (its `version`); re-renders only when this one changed.
  return useProjectSummaryStore((state) => state.summaries.get(sessionId));
}
