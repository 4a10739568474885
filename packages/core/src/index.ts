export {
  CtFractureError,
  type CtFractureErrorClass,
  type CtFractureErrorOptions,
  errorMarker,
} from './errors/ct-fracture-error';
