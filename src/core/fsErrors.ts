/** File system errors said in words, for the warnings and notes a user reads. */

/** The `code` of a Node.js system error (ENOENT, EACCES, ...), or '' for anything else. */
export function errorCode(error: unknown): string {
  return error instanceof Error && 'code' in error ? String(error.code) : '';
}

export function describeFsError(error: unknown): string {
  switch (errorCode(error)) {
    case 'ENOENT':
      return 'disappeared before it could be read';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'symbolic link loop';
    case 'EISDIR':
      return 'is a folder, not a file';
    case 'ENOTDIR':
      return 'not a folder: a file stands in its path';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
