/**
 * The one line the page shows for a failure: the error's own message (ct-fracture errors already
 * say what must be, what was found and where), never a stack.
 */
export function errorMessage(what: string, error: unknown): string {
  const detail = error instanceof Error ? error.message : String(error);
  return `${what}: ${detail.split('\n')[0]}`;
}
