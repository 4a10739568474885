/** Where a request for the viewer's server points: a file under one of the served folders. */
export type RequestTarget =
  | { kind: 'viewer'; segments: string[] }
  | { kind: 'checkpoint'; segments: string[] }
  | { kind: 'refused'; status: 400 | 404; reason: string };

/** The URL prefix the checkpoint folder is served under. */
export const CHECKPOINT_PREFIX = 'checkpoint';

function refused(status: 400 | 404, reason: string): RequestTarget {
  return { kind: 'refused', status, reason };
}

/**
 * Maps a request target (`/assets/index.js?x`, `/checkpoint/model.json`) to path segments
 * under the viewer's folder or the checkpoint folder, refusing anything that could leave them:
 * `.` / `..` segments (raw or percent-encoded), encoded slashes and backslashes, NUL bytes,
 * malformed escapes and hidden names (a leading `.`). Pure: no file is touched, so symlinks
 * are checked by the caller.
 * @param rawTarget - the request line's target as received (`request.url`).
 * @example
 * requestTarget('/checkpoint/model.json'); // { kind: 'checkpoint', segments: ['model.json'] }
 * requestTarget('/%2e%2e/etc/passwd'); // { kind: 'refused', status: 400, … }
 */
export function requestTarget(rawTarget: string): RequestTarget {
  if (!rawTarget.startsWith('/')) return refused(400, 'the target must be an absolute path');
  const path = rawTarget.split(/[?#]/, 1)[0]!;
  const segments: string[] = [];
  for (const raw of path.split('/').slice(1)) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return refused(400, 'malformed percent-encoding');
    }
    if (segment === '') continue;
    if (segment === '.' || segment === '..') return refused(400, 'path traversal');
    if (/[/\\\0]/.test(segment)) return refused(400, 'an encoded separator or NUL');
    if (segment.startsWith('.')) return refused(404, 'hidden name');
    segments.push(segment);
  }
  if (segments[0] === CHECKPOINT_PREFIX) {
    // The checkpoint folder is flat (model.json, weights.bin, ct-fracture.json): no sub-folders.
    if (segments.length !== 2) return refused(404, 'not a file of the checkpoint folder');
    return { kind: 'checkpoint', segments: segments.slice(1) };
  }
  return { kind: 'viewer', segments };
}
