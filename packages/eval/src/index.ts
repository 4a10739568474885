export { confusionMatrix } from './confusion-matrix';
