import { join } from 'node:path';
import { writeDicomFolder } from '@ct-fracture/dicom-io/node';
import { writeNifti } from '@ct-fracture/nifti-io/node';
import { labelCells, type SpellingMode } from '../dataset/label-spellings';
import { streamRandom } from '../random';
import type { AxisCodes, SizePreset } from '../raster/image-grid';
import { buildCaseGeometry, type CaseGeometry, STREAM } from './case-geometry';
import { type CaseRecord, caseRecord } from './case-record';
import type { CaseSpec } from './case-spec';
import { type RenderedCase, renderCase } from './render-case';

/** How cases are rendered and labelled. */
export interface CaseOptions {
  size: SizePreset;
  orientation: AxisCodes;
  spellings: SpellingMode;
  /** Add CT noise (default true). */
  noise?: boolean;
  /** Scan storage: an int16 NIfTI-1 file (default) or a DICOM CT series folder. */
  format?: ScanStorage;
}

/** How a phantom scan is stored. */
export type ScanStorage = 'nifti' | 'dicom';

/** A generated phantom: geometry, voxels and its manifest entry. */
export interface GeneratedCase {
  geometry: CaseGeometry;
  rendered: RenderedCase;
  record: CaseRecord;
}

/**
 * Generates one phantom from its spec, in memory: geometry (retried until its
 * measurements earn the labels), voxels and manifest entry. Deterministic for a
 * spec, whatever else runs.
 * @throws {PhantomError} (`generation-failed`) when the labels cannot be built.
 * @example
 * const { rendered, record } = generateCase(spec, { size: 'small', orientation: 'RAS', spellings: 'canonical' });
 */
export function generateCase(spec: CaseSpec, options: CaseOptions): GeneratedCase {
  const geometry = buildCaseGeometry(spec.design, spec.seed, spec.side);
  const rendered = renderCase(geometry, spec.seed, {
    size: options.size,
    orientation: options.orientation,
    noise: options.noise ?? true,
  });
  const cells = labelCells(
    spec.design,
    geometry.measured.partCount,
    options.spellings,
    streamRandom(spec.seed, 0, STREAM.spelling),
  );
  const record = caseRecord(spec, { patient_id: spec.patientId, ...cells }, geometry, rendered);
  return { geometry, rendered, record };
}

/**
 * Generates a phantom and writes its scan under `root` (at `spec.file`) as
 * int16 NIfTI-1 with scl_inter −1024 (stored = HU + 1024), sform and qform
 * set — or, with `format: 'dicom'`, as a CT series folder (one explicit VR little endian file
 * per slice, int16, RescaleIntercept −1024, no patient data) — atomically.
 * @returns the manifest entry.
 * @throws {NiftiError} (`io`) when the file cannot be written; {PhantomError} as {@link generateCase}.
 * @example
 * await writeCase(spec, options, '/data/phantoms');
 */
export async function writeCase(
  spec: CaseSpec,
  options: CaseOptions,
  root: string,
): Promise<CaseRecord> {
  const { rendered, record } = generateCase(spec, options);
  if (options.format === 'dicom') {
    await writeDicomFolder(join(root, spec.file), rendered.volume, {
      uidKey: `ct-fracture-phantom/${spec.seed}/${record.id}`,
      seriesDescription: `ct-fracture phantom ${record.id}`,
      rescaleIntercept: -1024,
    });
    return record;
  }
  await writeNifti(join(root, spec.file), rendered.volume, {
    datatype: 'int16',
    intercept: -1024,
    description: `ct-fracture phantom ${record.id} seed ${spec.seed}`,
  });
  return record;
}
