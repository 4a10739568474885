import { quoteValue } from '@ct-fracture/core';
import {
  checkLabelDataset,
  DEFAULT_LABEL_SPEC,
  type LabelDatasetReport,
  LabelError,
  type LabelSpec,
  loadLabelSpec,
  ORIGINAL_LABEL_SPEC,
} from '@ct-fracture/labels';
import { Command } from 'commander';
import { UsageError } from '../cli-error';
import type { Io } from '../run-action';

interface CheckOptions {
  csv: string;
  scans: string;
  spec?: string;
  pattern?: string;
  strict?: boolean;
  json?: boolean;
}

/** `--spec default|original|FILE` → the label specification. */
function chooseSpec(spec: string | undefined): LabelSpec {
  if (spec === undefined || spec === 'default') return DEFAULT_LABEL_SPEC;
  if (spec === 'original') return ORIGINAL_LABEL_SPEC;
  return loadLabelSpec(spec);
}

function pad(text: string, width: number): string {
  return text.length >= width ? `${text} ` : text + ' '.repeat(width - text.length);
}

/** The report as one JSON document (see `labels check --help`). */
function reportJson(report: LabelDatasetReport, options: CheckOptions): unknown {
  const counts: Record<string, unknown> = {};
  for (const [task, taskCounts] of Object.entries(report.counts)) {
    counts[task] = {
      classes: taskCounts.classes,
      counts: Object.fromEntries(
        taskCounts.classes.map((name, index) => [name, taskCounts.counts[index]]),
      ),
      missing: taskCounts.missing,
    };
  }
  return {
    csv: options.csv,
    scans: options.scans,
    spec: { name: report.table.spec.name, version: report.table.spec.version },
    strict: options.strict === true,
    rows: report.table.rows.length,
    scanCount: report.scans.length,
    matched: report.matching.matches.length,
    counts,
    unmatchedScans: report.matching.unmatchedScans.map(({ scan, key }) => ({
      scan,
      patientId: key ?? null,
    })),
    unmatchedRows: report.matching.unmatchedRows.map(({ patientId, line }) => ({
      patientId,
      line,
    })),
    errorCount: report.errorCount,
    warningCount: report.warningCount,
    ok: report.ok,
    problems: report.problems.map((problem) => problem.toJSON()),
  };
}

/** The first 50 items, then how many more. */
function listed(items: readonly string[]): string {
  const shown = items.slice(0, 50).join(', ');
  return items.length > 50 ? `${shown}, … (${items.length - 50} more)` : shown;
}

/** A patient id as written, or quoted to 80 characters when longer. */
function shortId(id: string): string {
  return id.length > 80 ? quoteValue(id) : id;
}

/** Problems printed as text; the rest are counted (`--json` has them all). */
const TEXT_PROBLEMS = 1000;

/** The report as text: counts table, unmatched scans/rows, then the problems (the first 1000). */
function reportText(report: LabelDatasetReport, options: CheckOptions): string {
  const { table, matching } = report;
  const lines = [
    `labels: ${options.csv} (spec ${table.spec.name} v${table.spec.version}): ${table.rows.length} rows; ${report.scans.length} scans in ${options.scans}; ${matching.matches.length} matched`,
    '',
  ];
  const taskWidth = Math.max(6, ...table.spec.tasks.map((task) => task.name.length)) + 2;
  const classWidth =
    Math.max(10, ...table.spec.tasks.flatMap((task) => task.classes.map((name) => name.length))) +
    2;
  lines.push(`${pad('task', taskWidth)}${pad('class', classWidth)}count`);
  for (const counts of Object.values(report.counts)) {
    counts.classes.forEach((name, index) => {
      lines.push(
        `${pad(index === 0 ? counts.task : '', taskWidth)}${pad(name, classWidth)}${counts.counts[index]}`,
      );
    });
    lines.push(`${pad('', taskWidth)}${pad('(missing)', classWidth)}${counts.missing}`);
  }
  lines.push('');
  const scans = matching.unmatchedScans;
  lines.push(
    scans.length === 0
      ? 'unmatched scans: none'
      : `unmatched scans (${scans.length}): ${listed(
          scans.map(({ scan, key }) => `${scan.split(/[\\/]/).pop()} (${shortId(key ?? 'no id')})`),
        )}`,
  );
  const rows = matching.unmatchedRows;
  lines.push(
    rows.length === 0
      ? 'unmatched rows: none'
      : `unmatched rows (${rows.length}): ${listed(
          rows.map((row) => `${shortId(row.patientId)} (line ${row.line})`),
        )}`,
  );
  lines.push('');
  lines.push(
    `problems: ${report.errorCount} error${report.errorCount === 1 ? '' : 's'}, ${
      report.warningCount
    } warning${report.warningCount === 1 ? '' : 's'}${options.strict ? ' (strict)' : ''}`,
  );
  for (const problem of report.problems.slice(0, TEXT_PROBLEMS)) {
    lines.push(`  ${pad(problem.severity, 8)}${problem.message.replaceAll('\n', '\\n')}`);
  }
  if (report.problems.length > TEXT_PROBLEMS) {
    lines.push(
      `  … and ${report.problems.length - TEXT_PROBLEMS} more problems not shown (--json lists them all)`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function runCheck(io: Io, options: CheckOptions): void {
  const spec = chooseSpec(options.spec);
  let report: LabelDatasetReport;
  try {
    report = checkLabelDataset({
      csv: options.csv,
      scans: options.scans,
      spec,
      strict: options.strict,
      pattern: options.pattern,
    });
  } catch (error) {
    if (LabelError.isInstance(error) && (error as LabelError).code === 'invalid-pattern') {
      throw new UsageError(`--pattern: ${(error as LabelError).message}`);
    }
    throw error;
  }
  io.out(
    options.json === true
      ? `${JSON.stringify(reportJson(report, options), null, 2)}\n`
      : reportText(report, options),
  );
  if (!report.ok) {
    throw new LabelError({
      code: 'invalid-labels',
      file: options.csv,
      problems: report.problems.filter((problem) => problem.severity === 'error'),
      message: `labels check must find no errors, got ${report.errorCount} (${
        report.warningCount
      } warning${report.warningCount === 1 ? '' : 's'}${options.strict ? ', strict' : ''})`,
    });
  }
}

/** `ct-fracture labels`: check label CSVs against scans (`labels check`). */
export function labelsCommand(io: Io): Command {
  const check = new Command('check')
    .summary('check a label CSV against a folder of scans')
    .description(
      'Check a label CSV against a folder of scans: per-task class counts, missing labels, scans ' +
        'without a row, rows without a scan, and every problem found (not just the first).\n' +
        'Exit code 1 when there are errors; with --strict, unmatched scans/rows and other ' +
        'warnings are errors too.\n' +
        '--json prints one document: {csv, scans, spec, strict, rows, scanCount, matched, ' +
        'counts: {<task>: {classes, counts: {<class>: n}, missing}}, unmatchedScans: [{scan, ' +
        'patientId}], unmatchedRows: [{patientId, line}], errorCount, warningCount, ok, ' +
        'problems: [{code, severity, message, file?, line?, column?, value?, …}]}.',
    )
    .requiredOption('--csv <file>', 'the label CSV (e.g. data/train_labels.csv)')
    .requiredOption(
      '--scans <dir>',
      'the folder of scans (.nii, .nii.gz files and DICOM series sub-folders)',
    )
    .option(
      '--spec <file>',
      'label specification JSON, or "default" (six tasks) or "original" (five-task layout)',
    )
    .option(
      '--pattern <regex>',
      'match scans to rows by this regex on the file name, with a named group (?<id>…) ' +
        '(default: the name up to the first "." then the first "-", lower-cased)',
    )
    .option('--strict', 'make unmatched scans or rows (and other warnings) errors')
    .option('--json', 'print one JSON document on stdout')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .action((options: CheckOptions) => runCheck(io, options));
  return new Command('labels')
    .summary('check label CSVs against scans (labels check)')
    .description('Label CSV tools.')
    .addCommand(check);
}
