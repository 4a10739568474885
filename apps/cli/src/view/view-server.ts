import { readFile, realpath, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY, CONTENT_TYPES } from './content-types';
import { CHECKPOINT_PREFIX, requestTarget } from './request-target';

/** The two folders `ct-fracture view` serves. */
export interface ViewFolders {
  /** The built viewer (index.html, assets/). */
  viewerDir: string;
  /** A checkpoint folder served under `/checkpoint/`, or none. */
  checkpointDir?: string;
}

/** The `<meta>` in the viewer's index.html that names the checkpoint to open at start. */
export const CHECKPOINT_META = '<meta name="ct-fracture-checkpoint" content="" />';

const HEADERS = {
  'cache-control': 'no-cache',
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
};

function send(
  response: ServerResponse,
  status: number,
  body: string | Uint8Array,
  type = 'text/plain; charset=utf-8',
  head = false,
): void {
  response.writeHead(status, {
    ...HEADERS,
    'content-type': type,
    'content-length': String(Buffer.byteLength(body)),
  });
  response.end(head ? undefined : body);
}

/**
 * The real path of `segments` under `root` when it is a regular file whose real path (symlinks
 * resolved) is still inside `root`'s real path; otherwise undefined.
 */
async function fileInside(root: string, segments: readonly string[]): Promise<string | undefined> {
  try {
    const realRoot = await realpath(root);
    const real = await realpath(join(realRoot, ...segments));
    if (!real.startsWith(realRoot + sep)) return undefined;
    return (await stat(real)).isFile() ? real : undefined;
  } catch {
    return undefined;
  }
}

/** Host names a loopback-bound server answers to (DNS rebinding guard). */
function hostAllowed(request: IncomingMessage, allowedHosts: ReadonlySet<string> | null): boolean {
  if (allowedHosts === null) return true;
  return allowedHosts.has((request.headers.host ?? '').toLowerCase());
}

async function handle(
  folders: ViewFolders,
  allowedHosts: () => ReadonlySet<string> | null,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const head = request.method === 'HEAD';
  if (request.method !== 'GET' && !head) {
    response.setHeader('allow', 'GET, HEAD');
    send(response, 405, 'method not allowed: the viewer is read-only\n');
    return;
  }
  if (!hostAllowed(request, allowedHosts())) {
    send(response, 421, 'unknown host\n', undefined, head);
    return;
  }
  const target = requestTarget(request.url ?? '/');
  if (target.kind === 'refused') {
    send(response, target.status, `${target.reason}\n`, undefined, head);
    return;
  }
  if (target.kind === 'checkpoint' && folders.checkpointDir === undefined) {
    send(
      response,
      404,
      'no checkpoint is served (ct-fracture view --checkpoint DIR)\n',
      undefined,
      head,
    );
    return;
  }
  const index = target.kind === 'viewer' && target.segments.length === 0;
  const root = target.kind === 'checkpoint' ? folders.checkpointDir! : folders.viewerDir;
  const file = await fileInside(root, index ? ['index.html'] : target.segments);
  if (file === undefined) {
    send(response, 404, 'not found\n', undefined, head);
    return;
  }
  const bytes = await readFile(file);
  let body: Uint8Array | string = bytes;
  if (index && folders.checkpointDir !== undefined) {
    body = bytes
      .toString('utf8')
      .replace(
        CHECKPOINT_META,
        CHECKPOINT_META.replace('content=""', `content="${CHECKPOINT_PREFIX}/"`),
      );
  }
  send(
    response,
    200,
    body,
    CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    head,
  );
}

/**
 * An HTTP server for the built viewer and (optionally) one checkpoint folder, read-only: GET and
 * HEAD only; `/` is the viewer's index.html (naming `checkpoint/` as the checkpoint to open when
 * one is served), `/checkpoint/<file>` a file of the checkpoint folder, anything else a file of
 * the viewer's folder. Nothing outside the two folders is reachable: traversal (raw or
 * percent-encoded), hidden names and symlinks leading out are refused, folders are never
 * listed. While it listens on a loopback address it answers only requests whose `Host` is that
 * address or `localhost` (a page elsewhere cannot reach it through DNS rebinding). Every response
 * carries a Content-Security-Policy that lets the page load nothing from another origin.
 * @example
 * const server = createViewServer({ viewerDir: 'dist/viewer', checkpointDir: 'ckpt' });
 * server.listen(8765, '127.0.0.1');
 */
export function createViewServer(folders: ViewFolders): Server {
  let allowed: ReadonlySet<string> | null | undefined;
  const server = createServer((request, response) => {
    handle(folders, () => allowed ?? null, request, response).catch(() => {
      if (!response.headersSent) send(response, 500, 'internal error\n');
      else response.destroy();
    });
  });
  server.on('listening', () => {
    const address = server.address();
    if (address === null || typeof address === 'string') return;
    const loopback = /^(127\.|::1$|::ffff:127\.)/.test(address.address);
    allowed = loopback
      ? new Set(
          [
            '127.0.0.1',
            'localhost',
            '[::1]',
            address.family === 'IPv6' ? `[${address.address}]` : address.address,
          ].map((host) => `${host}:${address.port}`),
        )
      : null;
  });
  return server;
}
