// Benchmark: `checkLabelDataset` on a 10,000-row label CSV and 10,000 scan files.
// Run after `pnpm --filter @ct-fracture/labels build`:
//   flock /tmp/ctf-bench.lock node packages/labels/bench/check-10k.mjs [rows]
// Reports the median of 7 runs, and, as a reference measured in the same process,
// csv-parse alone splitting the same text into records (no label logic).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SeededRandom } from '@ct-fracture/core';
import { parse } from 'csv-parse/sync';
import { checkLabelDataset } from '../dist/index.js';

const rows = Number(process.argv[2] ?? 10_000);
const random = new SeededRandom(2024, 'mulberry32');
const pick = (values) => values[random.integer(values.length)];
const parts = [
  '1-part',
  '2 part',
  'one-part',
  '3-part',
  '4-part dislocation',
  'two part',
  'multipart',
  'dislocation',
  '',
];
const yesNo = ['yes', 'no', 'Y', 'n', 'TRUE', 'false', '1', '0', 'NA', ''];
const shaft = ['none', 'substantial', 'complete', '≥25% overlap', '5-25%', '≤5%', 'N/A'];
const articular = ['none or rim', 'subcritical', 'head split', 'headsplit', 'none-rim', '-'];

const lines = [
  'patient_id,fracture_classification,gt_displacement_greater_equal_to_1cm,shaft_translation,varus_malalignment,art_involvement',
];
for (let index = 0; index < rows; index += 1) {
  lines.push(
    [
      `P${String(index).padStart(5, '0')}`,
      pick(parts),
      pick(yesNo),
      pick(shaft),
      pick(yesNo),
      pick(articular),
    ].join(','),
  );
}
const text = `${lines.join('\r\n')}\r\n`;
const root = mkdtempSync(join(tmpdir(), 'ctf-labels-bench-'));
const csv = join(root, 'train_labels.csv');
writeFileSync(csv, text);
const scans = join(root, 'scans');
mkdirSync(scans);
for (let index = 0; index < rows; index += 1) {
  writeFileSync(join(scans, `P${String(index).padStart(5, '0')}-left.nii`), '');
}

function median(run) {
  const times = [];
  for (let repeat = 0; repeat < 7; repeat += 1) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[3];
}

let report;
const checkMs = median(() => {
  report = checkLabelDataset({ csv, scans });
});
const csvParseMs = median(() => parse(text, { relax_column_count: true }));
rmSync(root, { recursive: true, force: true });
console.log(
  JSON.stringify({
    rows,
    matched: report.matching.matches.length,
    problems: report.problems.length,
    check_ms: Number(checkMs.toFixed(1)),
    csv_parse_only_ms: Number(csvParseMs.toFixed(1)),
    ratio_to_csv_parse: Number((checkMs / csvParseMs).toFixed(2)),
    under_1s: checkMs < 1000,
  }),
);
