export { CtFractureError } from './errors/ct-fracture-error';
export { LabelError, type LabelErrorCode } from './errors/label-error';
export { patientIdFromFileName } from './patient-id';
