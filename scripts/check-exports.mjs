#!/usr/bin/env node
// Checks the public surface of every workspace package (CONTRIBUTING.md, "Public surfaces"):
// each name an entry point exports (package.json "exports" → src/<entry>.ts) must be
//   1. documented: named in the package's README.md, and
//   2. used: imported by another package's code or tests (src/, bench/, scripts/, apps/,
//      tests/, a README example of another package; static imports and `await import(…)`), or
//      shown in a code example of its own README (`ts fragment` fences count).
// Tests import internals by path, so a name only tests need stays private.
//
//   node scripts/check-exports.mjs            # fails (exit 1) listing every offending name
//   node scripts/check-exports.mjs --report   # prints per entry point: exported / documented / used
//   node scripts/check-exports.mjs --json     # the same as JSON
//   node scripts/check-exports.mjs --write-baseline   # records today's problems (see below)
//
// scripts/check-exports-baseline.json lists known problems that do not fail (empty since every
// package's surface was narrowed; keep it so). Any other problem fails, and so does a baseline
// entry that is no longer a problem.
//
// Runs in `pnpm test` before the build; reads sources only (TypeScript's parser), runs nothing.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
for (const arg of args) {
  if (!['--report', '--json', '--write-baseline'].includes(arg)) {
    console.error(
      `check-exports: unknown option ${arg} (expected --report, --json or --write-baseline)`,
    );
    process.exit(2);
  }
}

/** Workspace packages: folder, name, entry points (subpath → source file). */
function workspacePackages() {
  const folders = [
    ...readdirSync(join(ROOT, 'packages')).map((name) => join('packages', name)),
    ...readdirSync(join(ROOT, 'apps')).map((name) => join('apps', name)),
  ].filter((folder) => existsSync(join(ROOT, folder, 'package.json')));
  return folders.map((folder) => {
    const json = JSON.parse(readFileSync(join(ROOT, folder, 'package.json'), 'utf8'));
    const entries = [];
    for (const [subpath, target] of Object.entries(json.exports ?? {})) {
      if (subpath === './package.json') continue;
      const file = JSON.stringify(target).match(/\.\/dist\/([\w-]+)\.js/)?.[1];
      const source = file && join(folder, 'src', `${file}.ts`);
      if (source && existsSync(join(ROOT, source))) entries.push({ subpath, source });
    }
    return { folder, name: json.name, entries, private: json.private === true };
  });
}

function parse(file, text = readFileSync(join(ROOT, file), 'utf8')) {
  return ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
}

/** The names a module exports (following `export * from './x'` inside the package). */
function exportedNames(file, seen = new Set()) {
  if (seen.has(file)) return [];
  seen.add(file);
  const names = [];
  const source = parse(file);
  const exported = (node) =>
    ts.canHaveModifiers(node) &&
    ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  for (const statement of source.statements) {
    if (ts.isExportDeclaration(statement)) {
      if (statement.exportClause && ts.isNamedExports(statement.exportClause)) {
        for (const element of statement.exportClause.elements) names.push(element.name.text);
      } else if (statement.moduleSpecifier && !statement.exportClause) {
        const target = statement.moduleSpecifier.text;
        if (target.startsWith('.')) {
          const resolved = join(dirname(file), `${target}.ts`);
          names.push(...exportedNames(resolved, seen));
        }
      }
    } else if (exported(statement)) {
      if (ts.isVariableStatement(statement)) {
        for (const declaration of statement.declarationList.declarations) {
          if (ts.isIdentifier(declaration.name)) names.push(declaration.name.text);
        }
      } else if (statement.name && ts.isIdentifier(statement.name)) {
        names.push(statement.name.text);
      }
    }
  }
  return names;
}

/** Every file below `dir` (relative to ROOT) with one of `endings`, skipping build output. */
function files(dir, endings) {
  const out = [];
  const walk = (relativeDir) => {
    const absolute = join(ROOT, relativeDir);
    if (!existsSync(absolute)) return;
    for (const name of readdirSync(absolute)) {
      if (['node_modules', 'dist', 'build', '.turbo', 'coverage'].includes(name)) continue;
      const path = join(relativeDir, name);
      const stat = statSync(join(ROOT, path));
      if (stat.isDirectory()) walk(path);
      else if (endings.some((ending) => name.endsWith(ending))) out.push(path);
    }
  };
  walk(dir);
  return out;
}

const isTest = (file) =>
  /\.test(-d)?\.ts$|[\\/](test-support|testing|browser-test)[\\/]/.test(file);

/**
 * The names a piece of code imports from each `@ct-fracture/*` module: named imports, and
 * `ns.member` of namespace imports. Map: module specifier → Set of names.
 */
function importsOf(file, text) {
  const found = new Map();
  const add = (specifier, name) => {
    if (!found.has(specifier)) found.set(specifier, new Set());
    found.get(specifier).add(name);
  };
  let source;
  try {
    source = parse(file, text);
  } catch {
    return found;
  }
  const namespaces = [];
  const visit = (node) => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier) &&
      node.moduleSpecifier.text.startsWith('@ct-fracture/')
    ) {
      const specifier = node.moduleSpecifier.text;
      const clause = ts.isImportDeclaration(node) ? node.importClause : null;
      const bindings = clause?.namedBindings;
      if (bindings && ts.isNamedImports(bindings)) {
        for (const element of bindings.elements) {
          add(specifier, (element.propertyName ?? element.name).text);
        }
      } else if (bindings && ts.isNamespaceImport(bindings)) {
        namespaces.push([bindings.name.text, specifier]);
      } else if (
        ts.isExportDeclaration(node) &&
        node.exportClause &&
        ts.isNamedExports(node.exportClause)
      ) {
        for (const element of node.exportClause.elements) {
          add(specifier, (element.propertyName ?? element.name).text);
        }
      }
    }
    // `const { a, b: c } = await import('@ct-fracture/x')` and `const ns = await import(…)`.
    if (ts.isVariableDeclaration(node) && node.initializer) {
      const call = ts.isAwaitExpression(node.initializer) ? node.initializer.expression : null;
      if (
        call &&
        ts.isCallExpression(call) &&
        call.expression.kind === ts.SyntaxKind.ImportKeyword &&
        call.arguments[0] &&
        ts.isStringLiteral(call.arguments[0]) &&
        call.arguments[0].text.startsWith('@ct-fracture/')
      ) {
        const specifier = call.arguments[0].text;
        if (ts.isObjectBindingPattern(node.name)) {
          for (const element of node.name.elements) {
            const name = element.propertyName ?? element.name;
            if (ts.isIdentifier(name)) add(specifier, name.text);
          }
        } else if (ts.isIdentifier(node.name)) {
          namespaces.push([node.name.text, specifier]);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  for (const [namespace, specifier] of namespaces) {
    for (const match of text.matchAll(
      new RegExp(`(?<![\\w$.])${namespace}\\.([A-Za-z_$][\\w$]*)`, 'g'),
    )) {
      add(specifier, match[1]);
    }
  }
  return found;
}

/** The TypeScript/JavaScript code blocks of a Markdown file, joined. */
function codeBlocks(markdown) {
  return [
    ...markdown.matchAll(/```(?:ts|typescript|js|javascript|mjs)(?:[ \t][^\n]*)?\n([\s\S]*?)```/g),
  ]
    .map((match) => match[1])
    .join('\n');
}

const packages = workspacePackages();
const ownerOf = (file) => packages.find((pkg) => file.startsWith(`${pkg.folder}/`))?.name ?? null;

// Uses: by importing package (null: outside any package, e.g. tests/ or docs) → module → names.
const uses = new Map(); // `${specifier}` → Set of "user" labels per name: Map(name → Set(users))
const noteUse = (user, imports) => {
  for (const [specifier, names] of imports) {
    if (!uses.has(specifier)) uses.set(specifier, new Map());
    const byName = uses.get(specifier);
    for (const name of names) {
      if (!byName.has(name)) byName.set(name, new Set());
      byName.get(name).add(user);
    }
  }
};
const codeFiles = [
  ...files('packages', ['.ts', '.mts', '.mjs', '.js', '.cjs']),
  ...files('apps', ['.ts', '.mts', '.mjs', '.js', '.cjs']),
  ...files('scripts', ['.mjs', '.js', '.ts']),
  ...files('tests', ['.ts', '.mjs']),
].filter((file) => !file.endsWith('.d.ts'));
for (const file of codeFiles) {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const owner = ownerOf(file);
  // A package's own tests import by path; its benchmarks and scripts use its built entry
  // points (`../dist/<entry>.js`), as another package would.
  if (owner !== null && isTest(file)) {
    if (text.includes('@ct-fracture/')) noteUse(`${owner} (tests)`, importsOf(file, text));
    continue;
  }
  const pkg = packages.find((candidate) => candidate.name === owner);
  if (pkg && /[\\/](bench|scripts|bin)[\\/]/.test(file.slice(pkg.folder.length))) {
    const local = text.replace(
      /(['"])(?:\.\.\/)+dist\/([\w-]+)\.(?:c?js)\1/g,
      (_, quote, entry) => `${quote}${entry === 'index' ? owner : `${owner}/${entry}`}${quote}`,
    );
    noteUse(
      `${owner} (${file.slice(pkg.folder.length + 1).split('/')[0]})`,
      importsOf(file, local),
    );
    continue;
  }
  if (text.includes('@ct-fracture/')) noteUse(owner ?? file, importsOf(file, text));
}
const readmes = [
  'README.md',
  ...files('docs', ['.md']),
  ...packages.map((pkg) => join(pkg.folder, 'README.md')),
].filter((file) => existsSync(join(ROOT, file)));
const examples = new Map(); // README file → its code blocks' text
for (const file of readmes) {
  const blocks = codeBlocks(readFileSync(join(ROOT, file), 'utf8'));
  examples.set(file, blocks);
  noteUse(`${ownerOf(file) ?? '(repository)'} README`, importsOf(`${file}.ts`, blocks));
}

const word = (name) => new RegExp(`(^|[^\\w$])${name.replace(/\$/g, '\\$')}($|[^\\w$])`);
const problems = [];
const report = [];
for (const pkg of packages) {
  const readmePath = join(pkg.folder, 'README.md');
  const readme = existsSync(join(ROOT, readmePath))
    ? readFileSync(join(ROOT, readmePath), 'utf8')
    : '';
  const ownExamples = examples.get(readmePath) ?? '';
  for (const entry of pkg.entries) {
    const specifier = entry.subpath === '.' ? pkg.name : `${pkg.name}/${entry.subpath.slice(2)}`;
    const names = [...new Set(exportedNames(entry.source))].sort();
    const row = {
      entry: specifier,
      source: entry.source,
      exported: names.length,
      undocumented: [],
      unused: [],
    };
    for (const name of names) {
      const documented = word(name).test(readme);
      const users = [...(uses.get(specifier)?.get(name) ?? [])].filter(
        (user) =>
          user !== pkg.name && user !== `${pkg.name} README` && user !== `${pkg.name} (tests)`,
      );
      const inOwnExample = word(name).test(ownExamples);
      if (!documented) {
        row.undocumented.push(name);
        problems.push(`${specifier}: ${name} is exported but not documented in ${readmePath}`);
      }
      if (users.length === 0 && !inOwnExample) {
        row.unused.push(name);
        problems.push(
          `${specifier}: ${name} is exported but used by no other package and by no example in ${readmePath} (make it internal: tests import it by path)`,
        );
      }
    }
    report.push(row);
  }
}

const BASELINE = join(ROOT, 'scripts', 'check-exports-baseline.json');
if (args.has('--write-baseline')) {
  writeFileSync(BASELINE, `${JSON.stringify({ problems: [...problems].sort() }, null, 2)}\n`);
  console.log(`check-exports: ${problems.length} problems recorded in ${relative(ROOT, BASELINE)}`);
  process.exit(0);
}
const baseline = new Set(
  existsSync(BASELINE) ? JSON.parse(readFileSync(BASELINE, 'utf8')).problems : [],
);
const fresh = problems.filter((problem) => !baseline.has(problem));
const current = new Set(problems);
const stale = [...baseline].filter((problem) => !current.has(problem));

if (args.has('--json')) {
  console.log(JSON.stringify({ entries: report, problems, fresh, stale }, null, 2));
} else if (args.has('--report')) {
  for (const row of report) {
    console.log(
      `${row.entry.padEnd(42)} ${String(row.exported).padStart(4)} exported, ${String(row.undocumented.length).padStart(3)} undocumented, ${String(row.unused.length).padStart(3)} unused  (${relative(ROOT, join(ROOT, row.source))})`,
    );
  }
  console.log(`${problems.length} problems (${problems.length - fresh.length} in the baseline)`);
} else if (fresh.length > 0 || stale.length > 0) {
  for (const problem of fresh) console.error(`check-exports: ${problem}`);
  for (const problem of stale) {
    console.error(`check-exports: fixed, remove from ${relative(ROOT, BASELINE)}: ${problem}`);
  }
  console.error(
    `check-exports: ${fresh.length} new problem(s), ${stale.length} stale baseline entr${stale.length === 1 ? 'y' : 'ies'}. Document a name in its package's README (with an example where no other package uses it) or stop exporting it (tests import internals by path).`,
  );
  process.exit(1);
} else {
  const total = report.reduce((sum, row) => sum + row.exported, 0);
  console.log(
    `check-exports: ${total} exported names in ${report.length} entry points; ${baseline.size} known problems left in ${relative(ROOT, BASELINE)}, none new`,
  );
}
