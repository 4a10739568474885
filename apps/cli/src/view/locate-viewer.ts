import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The built viewer shipped with the CLI: `dist/viewer/` beside the bundled CLI (the published
 * package), or the same folder seen from the sources (tests run from `src/`).
 * @returns the folder holding index.html, or undefined when the viewer is not built.
 */
export function locateViewer(): string | undefined {
  const candidates = [join(__dirname, 'viewer'), join(__dirname, '..', '..', 'dist', 'viewer')];
  return candidates.find((folder) => existsSync(join(folder, 'index.html')));
}
