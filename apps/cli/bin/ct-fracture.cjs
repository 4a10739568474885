#!/usr/bin/env node
// Launcher: runs the built CLI, or says how to build it.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const entry = join(__dirname, '..', 'dist', 'index.cjs');
if (!existsSync(entry)) {
  process.stderr.write(
    'ct-fracture: the CLI is not built yet; run `pnpm install && pnpm build` at the repository root\n',
  );
  process.exit(1);
}
require(entry)
  .main(process.argv)
  .then((code) => {
    process.exitCode = code;
  });
