/**
 * The message of whatever a third-party parser threw: an `Error`, a string (dicom-parser throws
 * strings) or dicom-parser's `{ exception, dataSet }` wrapper.
 */
export function describeFailure(thrown: unknown): string {
  if (thrown instanceof Error) return thrown.message;
  if (typeof thrown === 'string') return thrown;
  if (typeof thrown === 'object' && thrown !== null && 'exception' in thrown) {
    return describeFailure((thrown as { exception: unknown }).exception);
  }
  return String(thrown);
}
