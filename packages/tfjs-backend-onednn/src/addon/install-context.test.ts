import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  installContext,
  neverBuiltExplanation,
  readAddonBuildRecord,
  rebuildCommand,
} from './install-context';

describe('installContext', () => {
  it.each([
    [
      '/app/node_modules/.pnpm/@ct-fracture+tfjs-backend-onednn@0.1.0/node_modules/@ct-fracture/tfjs-backend-onednn',
      'pnpm',
    ],
    ['/app/node_modules/@ct-fracture/tfjs-backend-onednn', 'npm'],
    ['/home/me/ct-fracture/packages/tfjs-backend-onednn', 'workspace'],
  ] as const)('%s → %s', (root, expected) => {
    expect(installContext(root)).toBe(expected);
  });
});

describe('neverBuiltExplanation', () => {
  it('under pnpm names onlyBuiltDependencies, pnpm approve-builds and pnpm rebuild', () => {
    const { reason, hint } = neverBuiltExplanation('pnpm');
    expect(reason).toContain('Ignored build scripts');
    expect(hint).toContain('"onlyBuiltDependencies": ["@ct-fracture/tfjs-backend-onednn"]');
    expect(hint).toContain('pnpm approve-builds');
    expect(hint).toContain('pnpm rebuild @ct-fracture/tfjs-backend-onednn');
  });

  it.each([
    ['npm', 'npm rebuild @ct-fracture/tfjs-backend-onednn'],
    ['workspace', 'pnpm --filter @ct-fracture/tfjs-backend-onednn build'],
  ] as const)('under %s says to run %s', (context, command) => {
    expect(neverBuiltExplanation(context).hint).toContain(command);
    expect(rebuildCommand(context)).toBe(command);
  });
});

describe('readAddonBuildRecord', () => {
  let root = '';
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('reads the reason the install-time build recorded, and nothing when it never ran', () => {
    root = mkdtempSync(join(tmpdir(), 'onednn-record-'));
    expect(readAddonBuildRecord(root)).toBeUndefined();
    mkdirSync(join(root, 'build'));
    writeFileSync(
      join(root, 'build', 'addon-status.json'),
      JSON.stringify({ built: false, reason: 'oneDNN headers (dnnl.hpp) not found', hint: 'x' }),
    );
    expect(readAddonBuildRecord(root)).toEqual({
      built: false,
      reason: 'oneDNN headers (dnnl.hpp) not found',
      hint: 'x',
    });
    writeFileSync(join(root, 'build', 'addon-status.json'), '{ torn');
    expect(readAddonBuildRecord(root)).toBeUndefined();
  });
});
