// The types live in src/shared (the window shows them too); readers import them from here.
export type * from '../../../shared/project-metadata';
