export {
  CtFractureError,
  type CtFractureErrorClass,
  type CtFractureErrorOptions,
  errorMarker,
} from './errors/ct-fracture-error';
export { MAX_QUOTED_CHARACTERS, quoteValue } from './text/quote-value';
