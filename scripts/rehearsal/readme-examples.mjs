// README examples are tested documentation: every ```ts / ```js fence of a package README is a
// whole program that must typecheck and run as written, from the published packages, under ESM
// and CommonJS. A fence whose info string carries the word `fragment` (```ts fragment) is shown
// but not run (a signature, a shape); use it sparingly. Install lines (`npm install …` in a
// ```sh fence) say what an application installs for the examples to run.
import { createRequire } from 'node:module';

const RUNNABLE = new Set(['ts', 'typescript', 'js', 'javascript', 'mjs']);
const SHELL = new Set(['sh', 'bash', 'shell', 'console']);

/**
 * The fenced code blocks of a markdown document.
 * @returns `{ lang, words, code, line }` per fence (`line`: 1-based line of the opening fence).
 */
export function fencedBlocks(markdown) {
  const blocks = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([^`]*)$/.exec(lines[i]);
    if (!open) continue;
    const [, indent, fence, info] = open;
    const words = info.trim().split(/\s+/).filter(Boolean);
    const body = [];
    let j = i + 1;
    while (j < lines.length && !lines[j].startsWith(`${indent}${fence}`)) {
      body.push(lines[j].startsWith(indent) ? lines[j].slice(indent.length) : lines[j]);
      j++;
    }
    blocks.push({
      lang: (words[0] ?? '').toLowerCase(),
      words,
      code: body.join('\n'),
      line: i + 1,
    });
    i = j;
  }
  return blocks;
}

/**
 * The runnable examples of a README: ts/js fences that are not marked `fragment`.
 * @returns `{ index, lang, code, line, typescript }` per example, in document order.
 */
export function readmeExamples(markdown) {
  return fencedBlocks(markdown)
    .filter((block) => RUNNABLE.has(block.lang) && !block.words.includes('fragment'))
    .map((block, index) => ({
      index,
      lang: block.lang,
      code: block.code,
      line: block.line,
      typescript: block.lang === 'ts' || block.lang === 'typescript',
    }));
}

/** The fences marked `fragment` (listed in the rehearsal's summary, never run). */
export function readmeFragments(markdown) {
  return fencedBlocks(markdown).filter(
    (block) => RUNNABLE.has(block.lang) && block.words.includes('fragment'),
  );
}

/**
 * The package specs of the README's install lines (`npm install a b`, `npm i a`, `pnpm add a`),
 * without flags, in order of appearance.
 */
export function installedPackages(markdown) {
  const names = [];
  for (const block of fencedBlocks(markdown)) {
    if (!SHELL.has(block.lang)) continue;
    for (const raw of block.code.split('\n')) {
      const line = raw
        .replace(/^\$\s*/, '')
        .replace(/\s+#.*$/, '')
        .trim();
      const match = /^(?:npm\s+(?:install|i|add)|pnpm\s+(?:add|install|i))\s+(.+)$/.exec(line);
      if (!match) continue;
      for (const word of match[1].split(/\s+/)) if (!word.startsWith('-')) names.push(word);
    }
  }
  return [...new Set(names)];
}

/** The package a bare import specifier names (`@scope/name/sub` → `@scope/name`). */
export function packageOfSpecifier(specifier) {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:'))
    return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function typescriptApi(from) {
  return createRequire(from)('typescript');
}

/**
 * The module specifiers an example imports (static imports, `require` and `import()` of string
 * literals), in order.
 */
export function importedSpecifiers(code, { from = import.meta.url } = {}) {
  const ts = typescriptApi(from);
  const source = ts.createSourceFile('example.ts', code, ts.ScriptTarget.Latest, true);
  const found = [];
  const visit = (node) => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    )
      found.push(node.moduleSpecifier.text);
    if (
      ts.isCallExpression(node) &&
      (node.expression.kind === ts.SyntaxKind.ImportKeyword ||
        (ts.isIdentifier(node.expression) && node.expression.text === 'require')) &&
      node.arguments.length === 1 &&
      ts.isStringLiteral(node.arguments[0])
    )
      found.push(node.arguments[0].text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/**
 * The example as an ES module (unchanged) and as a CommonJS module: top-level imports stay at
 * the top (TypeScript turns them into `require`), the rest runs inside an async function, since
 * CommonJS has no top-level await. A rejection exits non-zero either way.
 * @returns `{ esm, cjs }` TypeScript/JavaScript sources.
 */
export function moduleVariants(code, { from = import.meta.url } = {}) {
  const ts = typescriptApi(from);
  const source = ts.createSourceFile('example.ts', code, ts.ScriptTarget.Latest, true);
  const imports = [];
  const body = [];
  for (const statement of source.statements) {
    const text = code.slice(statement.getFullStart(), statement.getEnd());
    if (ts.isImportDeclaration(statement) || ts.isImportEqualsDeclaration(statement))
      imports.push(text.trim());
    else body.push(text);
  }
  const trailing = code.slice(source.statements.at(-1)?.getEnd() ?? 0);
  const cjs = [
    ...imports,
    '',
    'async function main(): Promise<void> {',
    `${body.join('')}${trailing}`,
    '}',
    'main().catch((error: unknown) => {',
    '  console.error(error);',
    '  process.exitCode = 1;',
    '});',
    '',
  ].join('\n');
  return { esm: code.endsWith('\n') ? code : `${code}\n`, cjs };
}

/**
 * Compiles a TypeScript example to JavaScript for Node: `module` is `esnext` (→ .mjs) or
 * `commonjs` (→ .cjs). Types are erased only; typechecking is tsc's job.
 */
export function transpileExample(code, module, { from = import.meta.url, fileName } = {}) {
  const ts = typescriptApi(from);
  const result = ts.transpileModule(code, {
    fileName,
    reportDiagnostics: true,
    compilerOptions: {
      module: module === 'commonjs' ? ts.ModuleKind.CommonJS : ts.ModuleKind.ESNext,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
      sourceMap: false,
    },
  });
  const errors = (result.diagnostics ?? []).filter(
    (diagnostic) => diagnostic.category === ts.DiagnosticCategory.Error,
  );
  if (errors.length > 0)
    throw new Error(
      `${fileName ?? 'example'}: ${ts.flattenDiagnosticMessageText(errors[0].messageText, '\n')}`,
    );
  return result.outputText;
}
