import { describe, expect, it } from 'vitest';
import {
  CONFIG_FLAGS,
  type ConfigFlag,
  configFlagOverrides,
  configFlagValue,
} from './config-flags';
import { configFields } from './config-reference';
import { parseTrainConfigText } from './load-config';

const flag = (name: string): ConfigFlag =>
  CONFIG_FLAGS.find((row) => row.flag.split(' ')[0] === name)!;

describe('CONFIG_FLAGS', () => {
  it('names each flag once and only fields of the schema', () => {
    const names = CONFIG_FLAGS.map((row) => row.flag.split(' ')[0]);
    expect(new Set(names).size).toBe(names.length);
    const paths = new Set(configFields().map((field) => field.path));
    expect(CONFIG_FLAGS.filter((row) => !paths.has(row.path)).map((row) => row.path)).toEqual([]);
  });

  it('offers as choices exactly the values the schema takes', () => {
    for (const row of CONFIG_FLAGS.filter((entry) => entry.choices !== undefined)) {
      for (const choice of row.choices!) {
        expect(() =>
          parseTrainConfigText('{}', undefined, [{ path: row.path, value: choice }]),
        ).not.toThrow();
      }
      expect(() =>
        parseTrainConfigText('{}', undefined, [{ path: row.path, value: 'no-such' }]),
      ).toThrow();
    }
  });

  it.each([
    ['--epochs', '12', { value: 12 }],
    ['--epochs', '0', { problem: "--epochs must be an integer ≥ 1, got '0'" }],
    ['--workers', '0', { value: 0 }],
    ['--lr', '2e-4', { value: 0.0002 }],
    ['--lr', '-1', { problem: "--lr must be a positive number, got '-1'" }],
    ['--size', '64', { value: [64, 64, 64] }],
    ['--size', '64, 64,48', { value: [64, 64, 48] }],
    ['--size', '4', { problem: "--size must be an integer ≥ 8, got '4'" }],
    ['--size', '64,64', { problem: "--size must be N or D,H,W, got '64,64'" }],
    ['--data', 'data/x', { value: 'data/x' }],
    ['--no-cache', '', { value: false }],
    ['--skip-bad', '', { value: true }],
  ])('%s %j → %j', (name, text, expected) => {
    expect(configFlagValue(flag(name), text)).toEqual(expected);
  });

  it('turns the given flags into overrides the schema accepts, problems apart', () => {
    const given: Record<string, string> = { '--epochs': '30', '--size': '32', '--no-cache': '' };
    const { overrides, problems } = configFlagOverrides((row) => given[row.flag.split(' ')[0]!]);
    expect(problems).toEqual([]);
    expect(overrides).toEqual([
      { path: 'training.epochs', value: 30 },
      { path: 'preprocessing.size', value: [32, 32, 32] },
      { path: 'data.cache', value: false },
    ]);
    const config = parseTrainConfigText('{}', undefined, overrides);
    expect(config.training.epochs).toBe(30);
    expect(config.data.cache).toBe(false);
    expect(
      configFlagOverrides((row) => (row.flag.startsWith('--seed') ? 'x' : undefined)).problems,
    ).toEqual(["--seed must be an integer ≥ 0, got 'x'"]);
  });
});
