export * from './session-write';
export * from './list-query';
export * from './tags';
export * from './project-path';
export { charLength } from './text';
