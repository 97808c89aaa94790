import { scanProjects } from './scan-projects';
import type { ScanOptions, ScanProblem, ScanProject, ScanSummary } from './scan-types';

export interface ScanResult {
  projects: ScanProject[];
  problems: ScanProblem[];
  summary: ScanSummary;
}

/**
 * Runs a whole scan and gathers what it found, for callers that want the list and the summary
 * (the "Add folder…" preview) rather than a stream. `onItem` still sees each item as it comes.
 */
export async function collectScan(
  root: string,
  options: ScanOptions & { onItem?: (item: ScanProject | ScanProblem) => void } = {},
): Promise<ScanResult> {
  const projects: ScanProject[] = [];
  const problems: ScanProblem[] = [];
  const scan = scanProjects(root, options);
  for (;;) {
    const step = await scan.next();
    if (step.done) return { projects, problems, summary: step.value };
    if (step.value.type === 'project') projects.push(step.value);
    else problems.push(step.value);
    options.onItem?.(step.value);
  }
}
