import { describe, expect, it } from 'vitest';
import { oneDnnInstallHint } from './install-hint';

describe('oneDnnInstallHint', () => {
  it.each([
    ['linux', 'apt-get install -y libdnnl-dev'],
    ['darwin', 'brew install onednn'],
    ['win32', 'not supported on win32'],
  ])('%s mentions %s', (platform, expected) => {
    expect(oneDnnInstallHint(platform)).toContain(expected);
  });
});
