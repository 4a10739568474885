import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  findNodeHeaders,
  nodeGypSteps,
  REQUIRED_HEADER_FILES,
} from '../../scripts/node-headers.mjs';

// The addon is built against the Node.js headers already on the machine, or not at all:
// node-gyp without --nodedir downloads them from the Node.js website at install time.
let scratch = '';
beforeEach(() => {
  scratch = mkdtempSync(join(tmpdir(), 'onednn-headers-'));
});
afterEach(() => rmSync(scratch, { recursive: true, force: true }));

function nodePrefix(name: string, withHeaders: boolean): string {
  const prefix = join(scratch, name);
  mkdirSync(join(prefix, 'bin'), { recursive: true });
  if (withHeaders) {
    mkdirSync(join(prefix, 'include', 'node'), { recursive: true });
    for (const file of REQUIRED_HEADER_FILES)
      writeFileSync(join(prefix, 'include', 'node', file), '');
  }
  return prefix;
}

describe('findNodeHeaders', () => {
  it('uses the install prefix of the running Node.js when it holds the headers', () => {
    const prefix = nodePrefix('node-with-headers', true);
    expect(findNodeHeaders({ execPath: join(prefix, 'bin', 'node'), env: {} })).toEqual({
      nodedir: prefix,
    });
  });

  it('refuses, saying never downloaded and what to install, when the headers are missing', () => {
    const prefix = nodePrefix('bare-node', false);
    const result = findNodeHeaders({ execPath: join(prefix, 'bin', 'node'), env: {} });
    expect(result.nodedir).toBeUndefined();
    expect(result.problem).toContain(join(prefix, 'include', 'node', 'node_api.h'));
    expect(result.problem).toContain('never downloaded');
    expect(result.problem).toContain('npm_config_nodedir');
  });

  it('takes npm_config_nodedir first, and refuses one that holds no headers', () => {
    const configured = nodePrefix('configured', true);
    const execPath = join(nodePrefix('other', true), 'bin', 'node');
    expect(findNodeHeaders({ execPath, env: { npm_config_nodedir: configured } })).toEqual({
      nodedir: configured,
    });
    const wrong = nodePrefix('wrong', false);
    expect(findNodeHeaders({ execPath, env: { npm_config_nodedir: wrong } }).problem).toContain(
      `npm_config_nodedir=${wrong} holds no Node.js headers`,
    );
  });
});

describe('nodeGypSteps', () => {
  it.each([
    [false, ['configure', 'build']],
    [true, ['build']],
  ])('configured %s: every node-gyp step gets --nodedir', (configured, commands) => {
    const steps = nodeGypSteps({ nodedir: '/usr', configured, jobs: 2 });
    expect(steps.map((step) => step[0])).toEqual(commands);
    for (const step of steps) expect(step).toContain('--nodedir=/usr');
  });
});
