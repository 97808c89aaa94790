import { sep } from 'node:path';

// String helpers for absolute, already-resolved paths. The walk builds one path per entry, so
// these avoid path.join's normalisation work: readdir names never contain separators or `..`.

/** `parent/name`, without doubling the separator when parent is a volume root (`/`, `C:\`). */
export function childPath(parent: string, name: string): string {
  return parent.endsWith(sep) ? parent + name : parent + sep + name;
}

/** True when `path` is `folder` or lies anywhere below it. Both must be real (resolved) paths. */
export function isInsideFolder(path: string, folder: string): boolean {
  if (path === folder) return true;
  const prefix = folder.endsWith(sep) ? folder : folder + sep;
  return path.startsWith(prefix);
}
