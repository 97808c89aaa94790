// The project scanner: finding DAW projects under a folder and mixdowns next to a project.
export { collectScan, type ScanResult } from './collect-scan';
export { findMixdowns, type FindMixdownsOptions, type Mixdown } from './find-mixdowns';
export { MIXDOWN_MIN_BYTES } from './mixdown-rules';
export { scanProjects } from './scan-projects';
export type { ScanItem, ScanOptions, ScanProblem, ScanProject, ScanSummary } from './scan-types';
