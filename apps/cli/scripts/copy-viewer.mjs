// Build step: copies the built viewer (apps/viewer/dist) into dist/viewer, so the published CLI
// package carries it and `ct-fracture view` works offline after `npm install`.
import { cpSync, existsSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cli = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(cli, '..', 'viewer', 'dist');
const target = join(cli, 'dist', 'viewer');
if (!existsSync(join(source, 'index.html'))) {
  console.error(
    `copy-viewer: ${source}/index.html is missing; build the viewer first (turbo does: pnpm turbo run build)`,
  );
  process.exit(1);
}
rmSync(target, { recursive: true, force: true });
cpSync(source, target, { recursive: true });
