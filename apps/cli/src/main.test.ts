import { describe, expect, it } from 'vitest';
import packageJson from '../package.json';
import { COMMANDS } from './main';
import { runMain as run } from './test-support/run-main';

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

  it('prints the version of its package.json for --version (what changeset version wrote)', async () => {
    const { code, out } = await run('--version');
    expect(code).toBe(0);
    expect(out.trim()).toBe(packageJson.version);
  });

  it('rejects an unknown subcommand with exit code 2 and one line', async () => {
    const { code, err } = await run('frobnicate');
    expect(code).toBe(2);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).toContain('frobnicate');
  });

  it('lists each command with its own summary (the lazy table cannot drift)', async () => {
    for (const entry of COMMANDS) {
      const command = (await entry.load())({ out: () => undefined, err: () => undefined });
      expect(command.name()).toBe(entry.name);
      expect(command.summary()).toBe(entry.summary);
    }
  });

  it.each(COMMANDS.map((entry) => entry.name))(
    '%s --help prints its usage and exits 0',
    async (name) => {
      const { code, out } = await run(name, '--help');
      expect(code).toBe(0);
      expect(out).toContain(`Usage: ct-fracture ${name}`);
    },
  );
});
