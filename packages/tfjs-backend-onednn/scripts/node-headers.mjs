// Where node-gyp finds the headers of the Node.js that runs the install: never on the network.
// node-gyp downloads them from the Node.js website when it is given no `--nodedir` and has none
// cached, which fails (or hangs) on a network without access to it — so the addon is built
// only against headers already on the machine, and otherwise not at all, with a message.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The files node-gyp reads from `<nodedir>/include/node` (its `--nodedir` layout). */
export const REQUIRED_HEADER_FILES = ['node_api.h', 'common.gypi', 'config.gypi'];

function holdsHeaders(dir) {
  return REQUIRED_HEADER_FILES.every((file) => existsSync(join(dir, 'include', 'node', file)));
}

/**
 * The `--nodedir` for node-gyp: `npm_config_nodedir` when set (it must hold the headers), else
 * the install prefix of the running Node.js (`<prefix>/bin/node` → `<prefix>/include/node`),
 * which official builds, nvm, Homebrew and Debian's nodejs carry.
 * @returns `{ nodedir }`, or `{ problem }` saying where it looked and what to do.
 */
export function findNodeHeaders({ execPath = process.execPath, env = process.env } = {}) {
  const configured = env.npm_config_nodedir;
  if (configured) {
    if (holdsHeaders(configured)) return { nodedir: configured };
    return {
      problem: `npm_config_nodedir=${configured} holds no Node.js headers (${REQUIRED_HEADER_FILES.map((f) => `include/node/${f}`).join(', ')}); point it at the install prefix of this Node.js or unset it`,
    };
  }
  const prefix = dirname(dirname(execPath));
  if (holdsHeaders(prefix)) return { nodedir: prefix };
  return {
    problem: `the Node.js headers are not installed beside ${execPath} (looked for ${join(prefix, 'include', 'node', 'node_api.h')}); they are never downloaded at install time — install them (Debian/Ubuntu: \`sudo apt-get install -y libnode-dev\` for the distribution's nodejs; the official Node.js tarballs, nvm and Homebrew include them) or set npm_config_nodedir to a Node.js ${process.versions.node} install prefix holding include/node`,
  };
}

/**
 * node-gyp's command lines for a build against `nodedir`: configure (unless already
 * configured) and build, both with `--nodedir` so nothing is fetched.
 */
export function nodeGypSteps({ nodedir, configured, jobs }) {
  const local = [`--nodedir=${nodedir}`];
  const build = ['build', '-j', String(jobs), ...local];
  return configured ? [build] : [['configure', ...local], build];
}
