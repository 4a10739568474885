import { oneDnnStatus } from '@ct-fracture/tfjs-backend-onednn';
import { describe, it } from 'vitest';

const status = oneDnnStatus();

/** Why the onednn backend cannot run here, or undefined when its addon is available. */
export const oneDnnUnavailableReason: string | undefined = status.available
  ? undefined
  : `${status.reason}; ${status.hint}`;

/**
 * A describe block for tests that need the onednn backend (the convention of
 * `@ct-fracture/tfjs-backend-onednn`'s native tests): without the addon the block is skipped
 * with the reason in its name, except under CI=true, where a missing addon is a failure.
 * Test support only.
 */
export function describeOneDnn(name: string, body: () => void): void {
  if (oneDnnUnavailableReason === undefined) {
    describe(name, body);
  } else if (process.env.CI === 'true') {
    describe(name, () => {
      it('has the onednn addon (required under CI=true)', () => {
        throw new Error(`the onednn addon must be built in CI: ${oneDnnUnavailableReason}`);
      });
    });
  } else {
    describe.skip(`${name} [skipped: ${oneDnnUnavailableReason}]`, body);
  }
}
