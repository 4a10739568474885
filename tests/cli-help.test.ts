import { describe, expect, it } from 'vitest';
import { runCli } from './workspace';

describe('ct-fracture from the repository root', () => {
  it('prints usage with every subcommand and exits 0', () => {
    const { code, stdout } = runCli(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: ct-fracture');
    expect(stdout).toMatch(/^\s+import-torch\b/m);
  });

  it('fails on an unknown flag with one line and exit code 2', () => {
    const { code, stderr } = runCli(['--no-such-flag']);
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });
});
