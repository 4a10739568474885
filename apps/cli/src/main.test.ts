import { describe, expect, it } from 'vitest';
import { main } from './main';

async function run(...args: string[]) {
  let out = '';
  let err = '';
  const code = await main(['node', 'ct-fracture', ...args], {
    out: (text) => {
      out += text;
    },
    err: (text) => {
      err += text;
    },
  });
  return { code, out, err };
}

describe('ct-fracture CLI', () => {
  it('lists every subcommand of the contract in --help and exits 0', async () => {
    const { code, out } = await run('--help');
    expect(code).toBe(0);
    for (const name of [
      'synth',
      'inspect',
      'labels',
      'train',
      'validate',
      'predict',
      'metrics',
      'explain',
      'import-torch',
      'bench',
    ]) {
      expect(out).toMatch(new RegExp(`^\\s+${name}\\b`, 'm'));
    }
  });

  it('rejects an unknown subcommand with exit code 2 and one line', async () => {
    const { code, err } = await run('frobnicate');
    expect(code).toBe(2);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).toContain('frobnicate');
  });
});
