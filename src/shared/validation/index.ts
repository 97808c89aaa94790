export * from './session-write';
export * from './list-query';
export * from './tags';
export { charLength } from './text';
