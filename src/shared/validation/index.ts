export * from './session-write';
export * from './list-query';
export * from './tags';
export * from './project-path';
export * from './preview-name';
export { charLength } from './text';
