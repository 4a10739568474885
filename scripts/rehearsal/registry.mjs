// A private npm registry for the rehearsal: verdaccio on 127.0.0.1 with its own storage in a
// temporary folder. `@ct-fracture/*` lives only there (never fetched from upstream, so what is
// installed is what was just published); every other package is fetched from the upstream
// registry npm is configured with. Stopped by its PID.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, openSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { RehearsalError } from './run-step.mjs';

/** A free TCP port on 127.0.0.1. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** The registry npm uses on this machine (a lab's mirror, or the public one). */
export function upstreamRegistry() {
  const result = spawnSync('npm', ['config', 'get', 'registry'], { encoding: 'utf8' });
  const url = result.status === 0 ? result.stdout.trim() : '';
  if (!/^https?:\/\//.test(url))
    throw new RehearsalError(`npm config get registry gave ${JSON.stringify(url)}, expected a URL`);
  return url.endsWith('/') ? url : `${url}/`;
}

function configYaml({ storage, htpasswd, upstream }) {
  return `storage: ${JSON.stringify(storage)}
auth:
  htpasswd:
    file: ${JSON.stringify(htpasswd)}
    max_users: 10
uplinks:
  upstream:
    url: ${JSON.stringify(upstream)}
    timeout: 60s
    maxage: 30m
packages:
  '@ct-fracture/*':
    access: $all
    publish: $authenticated
  '**':
    access: $all
    publish: $authenticated
    proxy: upstream
max_body_size: 200mb
log: { type: stdout, format: pretty, level: warn }
`;
}

async function waitUntilUp(url, child, logPath) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new RehearsalError(`verdaccio exited with ${child.exitCode}; see ${logPath}`);
    try {
      const response = await fetch(`${url}-/ping`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new RehearsalError(`verdaccio did not answer ${url}-/ping within 60 s; see ${logPath}`);
}

/**
 * Starts verdaccio in `dir` and creates a publishing user.
 * @returns `{ url, token, pid, stop() }`; `stop()` ends it by its PID.
 */
export async function startRegistry(dir, { upstream = upstreamRegistry() } = {}) {
  mkdirSync(join(dir, 'storage'), { recursive: true });
  const configPath = join(dir, 'config.yaml');
  writeFileSync(
    configPath,
    configYaml({ storage: join(dir, 'storage'), htpasswd: join(dir, 'htpasswd'), upstream }),
  );
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const bin = createRequire(import.meta.url).resolve('verdaccio/bin/verdaccio');
  const logPath = join(dir, 'verdaccio.log');
  const out = openSync(logPath, 'a');
  const child = spawn(
    process.execPath,
    [bin, '--config', configPath, '--listen', `127.0.0.1:${port}`],
    { cwd: dir, stdio: ['ignore', out, out], detached: false },
  );
  const stop = () => {
    if (child.exitCode === null && child.pid !== undefined) {
      try {
        process.kill(child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
  };
  // However the rehearsal ends (an error, Ctrl-C while it starts), the registry goes with it.
  process.once('exit', stop);
  try {
    await waitUntilUp(url, child, logPath);
    const response = await fetch(`${url}-/user/org.couchdb.user:rehearsal`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'rehearsal', password: `rehearsal-${port}-${Date.now()}` }),
    });
    const body = await response.json();
    if (!response.ok || typeof body.token !== 'string')
      throw new RehearsalError(`verdaccio refused to create a user: ${JSON.stringify(body)}`);
    return { url, token: body.token, pid: child.pid, upstream, logPath, stop };
  } catch (error) {
    stop();
    throw error;
  }
}

/** The lines of an .npmrc that point npm and pnpm at the registry, with its token. */
export function npmrcFor(registry) {
  const host = registry.url.replace(/^https?:/, '');
  return `registry=${registry.url}\n${host}:_authToken=${registry.token}\n`;
}

/** fetch with three tries: a registry under load may drop a kept-alive connection. */
async function fetchWithRetry(url, init) {
  let lastError;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await fetch(url, init);
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 500 * (attempt + 1)));
    }
  }
  throw new RehearsalError(
    `GET ${url} failed: ${lastError?.message}${lastError?.cause ? ` (${lastError.cause.message ?? lastError.cause})` : ''}`,
  );
}

/** The versions of `name` the registry holds (empty when none). */
export async function publishedVersions(registry, name) {
  const response = await fetchWithRetry(`${registry.url}${name.replace('/', '%2f')}`, {
    headers: { authorization: `Bearer ${registry.token}` },
  });
  if (response.status === 404) return [];
  if (!response.ok) throw new RehearsalError(`GET ${name} from the registry: ${response.status}`);
  const document = await response.json();
  return Object.keys(document.versions ?? {});
}

/** Downloads the tarball of `name@version` from the registry into `path`. */
export async function downloadTarball(registry, name, version, path) {
  const response = await fetchWithRetry(`${registry.url}${name.replace('/', '%2f')}`, {
    headers: { authorization: `Bearer ${registry.token}` },
  });
  const document = await response.json();
  const tarball = document.versions?.[version]?.dist?.tarball;
  if (typeof tarball !== 'string')
    throw new RehearsalError(`the registry has no tarball for ${name}@${version}`);
  const file = await fetchWithRetry(tarball, {
    headers: { authorization: `Bearer ${registry.token}` },
  });
  if (!file.ok) throw new RehearsalError(`GET ${tarball}: ${file.status}`);
  writeFileSync(path, Buffer.from(await file.arrayBuffer()));
}
