import { CtFractureError } from '@ct-fracture/core';

/**
 * What the viewer itself refuses (the packages' errors pass through unchanged):
 * - `not-a-checkpoint`: a chosen or dropped folder lacks model.json or ct-fracture.json;
 * - `scan-refused`: a file that is not NIfTI, a 4D image, a scan too large for the page;
 * - `unknown-files`: a drop that is neither a checkpoint, one NIfTI file nor a series folder;
 * - `no-backend`: no TensorFlow.js backend starts, or `?backend=` names an unknown one.
 */
export type ViewerErrorCode = 'not-a-checkpoint' | 'scan-refused' | 'unknown-files' | 'no-backend';

/** An input the page refuses: the message says what must be, what it got, and where. */
export class ViewerError extends CtFractureError {
  static override readonly errorName: string = 'ViewerError';
  declare readonly code: ViewerErrorCode;

  constructor(code: ViewerErrorCode, message: string) {
    super({ code, message });
  }
}
