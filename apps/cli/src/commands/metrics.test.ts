import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMain as run } from '../test-support/run-main';

const folder = mkdtempSync(join(tmpdir(), 'ctf-metrics-cli-'));
function file(name: string, text: string): string {
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
}

const GOOD = [
  'patient_id,varus_true,varus_pred,varus_p_no,varus_p_yes,fracture_parts_true,fracture_parts_pred,fracture_parts_p_1-part,fracture_parts_p_2-part,fracture_parts_p_multipart',
  'a,no,no,0.9,0.1,1-part,1-part,0.7,0.2,0.1',
  'b,yes,yes,0.3,0.7,2-part,2-part,0.1,0.8,0.1',
  'c,yes,no,0.6,0.4,multipart,2-part,0.2,0.5,0.3',
  'd,no,yes,0.45,0.55,,multipart,0.1,0.1,0.8',
  'e,yes,yes,0.2,0.8,multipart,multipart,0.1,0.2,0.7',
].join('\n');

describe('ct-fracture metrics', () => {
  it('prints exactly one JSON document with --json', async () => {
    const { code, out } = await run(
      'metrics',
      file('good.csv', GOOD),
      '--json',
      '--resamples',
      '200',
    );
    expect(code).toBe(0);
    const document = JSON.parse(out);
    expect(Object.keys(document.tasks)).toEqual(['varus', 'fracture_parts']);
    expect(document.tasks.varus.accuracy).toBeCloseTo(3 / 5, 12);
    expect(document.tasks.varus.confusion_matrix).toEqual([
      [1, 1],
      [1, 2],
    ]);
    expect(document.tasks.fracture_parts.n).toBe(4);
    expect(document.tasks.fracture_parts.missing).toBe(1);
    expect(document.tasks.fracture_parts.ordinal).toBe(false); // as in DEFAULT_LABEL_SPEC
    expect(document.bootstrap.resamples).toBe(200);
  });

  it('prints a readable table by default', async () => {
    const { code, out } = await run('metrics', file('good.csv', GOOD), '--resamples', '200');
    expect(code).toBe(0);
    expect(out).toMatch(/^varus {2}\(binary; n = 5\)/m);
    expect(out).toMatch(/^ {2}accuracy +0\.600 +\[/m);
    expect(out).toContain('confusion matrix (rows true, columns predicted)');
    expect(out).toMatch(/^fracture_parts {2}\(multiclass; n = 4, 1 missing\)/m);
  });

  it('reports the metrics of T_pred as given (a tuned threshold), with a note', async () => {
    // varus predicted at p(yes) >= 0.35: row c (p = 0.4) becomes 'yes'; multiclass row b moved.
    const tuned = GOOD.replace('c,yes,no,0.6,0.4', 'c,yes,yes,0.6,0.4').replace(
      'b,yes,yes,0.3,0.7,2-part,2-part',
      'b,yes,yes,0.3,0.7,2-part,multipart',
    );
    const { code, out, err } = await run('metrics', file('tuned.csv', tuned), '--json');
    expect(code).toBe(0);
    const { tasks } = JSON.parse(out);
    expect(tasks.varus.confusion_matrix).toEqual([
      [1, 1],
      [0, 3],
    ]);
    expect(tasks.varus.accuracy).toBeCloseTo(4 / 5, 12);
    expect(tasks.varus.per_class.yes.sensitivity).toBe(1);
    expect(tasks.fracture_parts.confusion_matrix).toEqual([
      [1, 0, 0],
      [0, 0, 1],
      [0, 1, 1],
    ]);
    // AUC and calibration read the probabilities: unchanged by T_pred.
    const plain = JSON.parse((await run('metrics', file('good.csv', GOOD), '--json')).out);
    expect(tasks.varus.macro_auc).toBe(plain.tasks.varus.macro_auc);
    expect(tasks.varus.calibration).toEqual(plain.tasks.varus.calibration);
    expect(err).toContain(
      "note: task 'varus': varus_pred differs from the probabilities' threshold 0.5 on 1 of 5 rows",
    );
    expect(err).toContain(
      "note: task 'fracture_parts': fracture_parts_pred differs from the probabilities' arg-max on 1 of 5 rows",
    );
  });

  it('takes ordinal tasks from --ordinal (quadratic kappa)', async () => {
    const good = file('good.csv', GOOD);
    const { code, out } = await run('metrics', good, '--json', '--ordinal', 'fracture_parts');
    expect(code).toBe(0);
    const document = JSON.parse(out);
    expect(document.tasks.fracture_parts.ordinal).toBe(true);
    expect(typeof document.tasks.fracture_parts.quadratic_kappa).toBe('number');
  });

  it.each([
    [
      'an unknown class',
      GOOD.replace('a,no,no', 'a,maybe,no'),
      /bad\.csv, line 2, column varus_true: .*got "maybe"/,
    ],
    [
      'a probability out of range',
      GOOD.replace('0.9,0.1', '1.9,0.1'),
      /line 2, column varus_p_no: .*\[0, 1\], got "1\.9"/,
    ],
    ['a short row', `${GOOD}\nf,no`, /line 7, .*must have 10 fields like the header, got 2/],
    [
      'a bad header',
      GOOD.replace('varus_pred', 'varus_prediction'),
      /line 1, column varus_prediction: column 3 must be 'varus_pred'/,
    ],
    [
      'probabilities that do not sum to 1',
      GOOD.replace('c,yes,no,0.6,0.4', 'c,yes,no,0.6,0.9'),
      /bad\.csv, line 4, column varus_p_no: the probabilities varus_p_no, varus_p_yes must sum to 1 \(±0\.02\), got 1\.5/,
    ],
    [
      'a patient twice',
      GOOD.replace('e,yes', 'b,yes'),
      /bad\.csv, line 6, column patient_id: each patient_id must appear once, got "b" on line 3 and line 6/,
    ],
    [
      'a header and no rows',
      GOOD.split('\n')[0]!,
      /bad\.csv, line 2: the file must have at least one row after the header, got none/,
    ],
    [
      'a missing probability column (named, not varus_true)',
      GOOD.replace('varus_p_no,', '').replaceAll(/^(\w),(\w+),(\w+),[\d.]+,/gm, '$1,$2,$3,'),
      /bad\.csv, line 1, column varus_p_no: task 'varus' must have at least two 'varus_p_<class>' columns after 'varus_pred', got 1 \(varus_p_yes\): 'varus_p_no' is missing/,
    ],
  ])(
    'fails on %s with one line naming file, line and column (exit 1)',
    async (_, text, pattern) => {
      const { code, out, err } = await run('metrics', file('bad.csv', text));
      expect(code).toBe(1);
      expect(out).toBe('');
      expect(err.trim().split('\n')).toHaveLength(1);
      expect(err).toMatch(pattern);
    },
  );

  it('an --ordinal task the file does not have is a usage error (exit 2) listing its tasks', async () => {
    const { code, err } = await run('metrics', file('good.csv', GOOD), '--ordinal', 'articulr');
    expect(code).toBe(2);
    expect(err.trim()).toBe(
      `ct-fracture: --ordinal must name tasks of ${join(folder, 'good.csv')} (varus, fracture_parts), got "articulr"`,
    );
  });

  it('fails on a missing file with exit 1 and rejects bad flags with exit 2', async () => {
    const missing = await run('metrics', join(folder, 'nope.csv'));
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('nope.csv');
    const flag = await run('metrics', file('good.csv', GOOD), '--resamples', '5');
    expect(flag.code).toBe(2);
    expect(flag.err).toContain('--resamples must be an integer >= 100');
  });
});
