import { inspectScan, type ScanSummary } from '@ct-fracture/trainer';
import { Command } from 'commander';
import type { Io } from '../run-action';

/** A number for people: integers as they are, others to 6 significant digits. */
function formatNumber(value: number | null): string {
  if (value === null) return 'n/a';
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toPrecision(6)));
}

/** The summary as aligned text lines. */
function summaryText(summary: ScanSummary): string {
  const format =
    summary.format === 'dicom'
      ? `DICOM series ${summary.series.seriesInstanceUid}${summary.series.description === null ? '' : ` "${summary.series.description}"`}, ${summary.series.slices} slices`
      : summary.format === 'nifti1'
        ? 'NIfTI-1'
        : 'NIfTI-2';
  const scaling =
    summary.scaling.slope === null
      ? summary.format === 'dicom'
        ? 'per slice (RescaleSlope/RescaleIntercept vary)'
        : 'none (scl_slope is 0 or not finite)'
      : `slope ${formatNumber(summary.scaling.slope)}, intercept ${formatNumber(summary.scaling.intercept)}`;
  const cells = summary.affine.map((row) => row.map((value) => formatNumber(value)));
  const width = Math.max(...cells.flat().map((cell) => cell.length));
  const affine = cells.map((row) => `[ ${row.map((cell) => cell.padStart(width)).join('  ')} ]`);
  const { min, max, mean } = summary.stats;
  const lines: [string, string][] = [
    [
      'file',
      `${summary.path} (${format}${summary.compressed ? (summary.format === 'dicom' ? ', compressed' : ', gzip') : ''})`,
    ],
    ['shape', summary.shape.join(' × ')],
    ['datatype', summary.datatype],
    ['spacing', summary.spacing.map(formatNumber).join(' × ')],
    ['orientation', summary.orientation],
    ['scaling', scaling],
    ['affine', affine[0]!],
    ...affine.slice(1).map((row) => ['', row] as [string, string]),
    ['stats', `min ${formatNumber(min)}, max ${formatNumber(max)}, mean ${formatNumber(mean)}`],
  ];
  return `${lines.map(([label, text]) => `${label.padEnd(12)} ${text}`).join('\n')}\n`;
}

/**
 * `ct-fracture inspect FILE [--series UID] [--json]`: print a NIfTI header or a DICOM series'
 * geometry, and intensity stats.
 */
export function inspectCommand(io: Io): Command {
  return new Command('inspect')
    .summary('print a scan’s header, geometry and intensity stats (NIfTI or DICOM series)')
    .description(
      'Print a NIfTI-1/2 file’s header facts as nibabel reads them — format, compression, shape, ' +
        'datatype, spacing (zooms), the voxel→world affine (sform, else qform, else nibabel’s ' +
        'fallback), orientation (aff2axcodes), scaling — and min/max/mean of the scaled data ' +
        '(NaN ignored). A DICOM series folder is summarised as it is read (the volume dcm2niix would ' +
        'write: shape, spacing, RAS affine; datatype and scaling as stored), with format "dicom" and ' +
        'the series (UID, description, slices, transfer syntaxes).\n\nWith --json, one JSON ' +
        'document: {path, format, compressed, shape, datatype, spacing, affine, orientation, ' +
        'scaling: {slope, intercept}, stats: {min, max, mean}} (+ series, warnings for DICOM).',
    )
    .argument(
      '<file>',
      'a .nii or .nii.gz file (gzip is detected by content), or a DICOM series folder',
    )
    .option('--series <uid>', 'SeriesInstanceUID to read where the folder holds several series')
    .option('--json', 'print one JSON document on stdout')
    .action(async (file: string, options: { json?: boolean; series?: string }) => {
      const summary = await inspectScan(file, { series: options.series });
      if (summary.format === 'dicom') {
        for (const warning of summary.warnings) io.err(`warning: ${file}: ${warning}\n`);
      }
      io.out(options.json ? `${JSON.stringify(summary)}\n` : summaryText(summary));
    });
}
