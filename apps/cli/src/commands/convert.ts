import { convertScan } from '@ct-fracture/trainer';
import { Command } from 'commander';
import { UsageError } from '../cli-error';
import type { Io } from '../run-action';

/** `ct-fracture convert SRC OUT.nii[.gz] [--series UID] [--json]`: a scan to NIfTI-1. */
export function convertCommand(io: Io): Command {
  return new Command('convert')
    .summary('convert a DICOM series (or a NIfTI) to NIfTI-1')
    .description(
      'Write a DICOM series folder (or a NIfTI file) as a NIfTI-1 file with sform and qform: ' +
        'nibabel reads it as it reads dcm2niix’s conversion of the series, voxel for voxel in world ' +
        'space (slices ordered by position, spacing from positions, RAS affine). A series stored as ' +
        'integers with one rescale is written as int16 with that slope and intercept, else float32. ' +
        'OUT ending in .gz is gzipped. No patient data is written.',
    )
    .argument('<src>', 'a DICOM series folder or a .nii/.nii.gz file')
    .argument('<out>', 'the NIfTI file to write (.nii or .nii.gz)')
    .option('--series <uid>', 'SeriesInstanceUID to convert where the folder holds several series')
    .option('--json', 'print one JSON document on stdout')
    .action(async (source: string, out: string, flags: { series?: string; json?: boolean }) => {
      if (!/\.nii(\.gz)?$/i.test(out)) {
        throw new UsageError(`OUT must end in .nii or .nii.gz, got '${out}'`);
      }
      const converted = await convertScan(source, out, { series: flags.series });
      for (const warning of converted.warnings) io.err(`warning: ${source}: ${warning}\n`);
      io.out(
        flags.json
          ? `${JSON.stringify({ source, ...converted })}\n`
          : `${source} → ${out} (${converted.shape.join(' × ')}, ${converted.datatype})\n`,
      );
    });
}
