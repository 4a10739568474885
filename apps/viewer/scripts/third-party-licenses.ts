import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';

/** A bundled third-party package and its licence text. */
interface BundledPackage {
  name: string;
  version: string;
  license: string;
  text: string;
}

const LICENSE_FILE = /^(licen[cs]e|copying|notice)(\.(md|txt))?$/i;

const MIT = `Permission is hereby granted, free of charge, to any person obtaining a copy of this software
and associated documentation files (the "Software"), to deal in the Software without restriction,
including without limitation the rights to use, copy, modify, merge, publish, distribute,
sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or
substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT
NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND
NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM,
DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT
OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.`;

const BSD_2_CLAUSE = `Redistribution and use in source and binary forms, with or without modification, are permitted
provided that the following conditions are met:

1. Redistributions of source code must retain the above copyright notice, this list of conditions
   and the following disclaimer.
2. Redistributions in binary form must reproduce the above copyright notice, this list of
   conditions and the following disclaimer in the documentation and/or other materials provided
   with the distribution.

THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND ANY EXPRESS OR
IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED WARRANTIES OF MERCHANTABILITY AND
FITNESS FOR A PARTICULAR PURPOSE ARE DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDER OR
CONTRIBUTORS BE LIABLE FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL
DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR SERVICES; LOSS OF USE,
DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER
IN CONTRACT, STRICT LIABILITY, OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT
OF THE USE OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.`;

/** The repository's own LICENSE is the Apache License 2.0 text. */
const APACHE_2 = readFileSync(join(import.meta.dirname, '..', '..', '..', 'LICENSE'), 'utf8');

/**
 * The licence text of a package that ships no licence file, from its SPDX identifier (the
 * standard text; for MIT and BSD the holder named as its package.json names its author).
 */
function standardText(license: string, holder: string): string | undefined {
  if (license === 'Apache-2.0') return APACHE_2.trim();
  if (license === 'MIT') return `Copyright (c) ${holder}\n\n${MIT}`;
  if (license === 'BSD-2-Clause') return `Copyright (c) ${holder}\n\n${BSD_2_CLAUSE}`;
  return undefined;
}

/** The folder of the package that holds `file` (the nearest package.json with a name). */
function packageRoot(file: string): string | undefined {
  let folder = dirname(file);
  while (folder !== dirname(folder)) {
    const manifest = join(folder, 'package.json');
    if (existsSync(manifest)) {
      const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string };
      if (typeof parsed.name === 'string') return folder;
    }
    folder = dirname(folder);
  }
  return undefined;
}

function describe(root: string): BundledPackage {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    name: string;
    version?: string;
    license?: string;
    author?: string | { name?: string };
    repository?: string | { url?: string };
  };
  const texts = readdirSync(root)
    .filter((name) => LICENSE_FILE.test(name))
    .sort()
    .map((name) => readFileSync(join(root, name), 'utf8').trim());
  const license = manifest.license ?? 'UNKNOWN';
  let text = texts.join('\n\n');
  if (text === '') {
    const author = typeof manifest.author === 'string' ? manifest.author : manifest.author?.name;
    const holder = author !== undefined && author !== '' ? author : `the ${manifest.name} authors`;
    const repository =
      typeof manifest.repository === 'string' ? manifest.repository : manifest.repository?.url;
    const standard = standardText(license, holder);
    if (standard !== undefined) {
      text = `(The package ships no licence file; the standard ${license} text follows${repository === undefined ? '' : `; source: ${repository}`}.)\n\n${standard}`;
    }
  }
  return { name: manifest.name, version: manifest.version ?? '', license, text };
}

/**
 * Emits `third-party-licenses.txt` next to the bundle: the name, version, licence and licence
 * text of every package under node_modules whose code ends up in the build (the minifier drops
 * their licence headers). A bundled package without a licence file fails the build.
 */
export function thirdPartyLicenses(): Plugin {
  return {
    name: 'ct-fracture:third-party-licenses',
    apply: 'build',
    generateBundle(_options, bundle) {
      const roots = new Set<string>();
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        for (const id of Object.keys(chunk.modules)) {
          const file = id.replace(/^\0/, '').split('?')[0]!;
          if (!file.includes('/node_modules/')) continue;
          const root = packageRoot(file);
          if (root?.includes('/node_modules/')) roots.add(root);
        }
      }
      const packages = [...roots]
        .map(describe)
        .filter(
          (entry, index, all) =>
            all.findIndex(
              (other) => other.name === entry.name && other.version === entry.version,
            ) === index,
        )
        .sort((a, b) => a.name.localeCompare(b.name));
      const missing = packages.filter((entry) => entry.text === '');
      if (missing.length > 0) {
        this.error(
          `third-party-licenses: no licence file in ${missing.map((entry) => `${entry.name}@${entry.version}`).join(', ')}`,
        );
      }
      const source = [
        'Third-party software bundled in the ct-fracture viewer (apps/viewer), with its licences.',
        '',
        ...packages.flatMap((entry) => [
          '='.repeat(78),
          `${entry.name}@${entry.version} (${entry.license})`,
          '='.repeat(78),
          entry.text,
          '',
        ]),
      ].join('\n');
      this.emitFile({ type: 'asset', fileName: 'third-party-licenses.txt', source });
    },
  };
}
