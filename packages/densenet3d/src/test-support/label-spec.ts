import type { LabelSpec } from '@ct-fracture/labels';
import type { HeadConfig } from '../model/config';

/** A minimal label specification whose tasks are these heads (each task's column = its name). */
export function labelSpecFor(heads: readonly HeadConfig[]): LabelSpec {
  return {
    format: 'ct-fracture-label-spec',
    formatVersion: 1,
    name: 'test',
    version: '1',
    patientIdColumn: 'patient_id',
    missingValues: [],
    tasks: heads.map((head) => ({
      name: head.task,
      column: head.task,
      optional: false,
      kind: head.kind,
      ordinal: false,
      classes: [...head.classes],
      aliases: {},
      ignore: [],
      markers: [],
    })),
  };
}
