import type { OperandMode } from '../../addon/addon-types';

/** How a binary op's operands map onto a [rows, cols] view of the output. */
export interface BinaryPlan {
  outShape: number[];
  rows: number;
  cols: number;
  aMode: OperandMode;
  bMode: OperandMode;
  /**
   * Repetitions of the [rows, cols] op over leading axes both operands have in full (1 when
   * none): repetition r reads each operand's r-th block and writes the output's r-th block.
   */
  outer: number;
}

type Operand =
  | { mode: 0 | 3 }
  /** row vector (leading `split` dims broadcast) or column vector (trailing dims broadcast) */
  | { mode: 1 | 2; split: number };

const product = (dims: readonly number[]): number => dims.reduce((a, b) => a * b, 1);

function broadcastShape(a: readonly number[], b: readonly number[]): number[] | undefined {
  const rank = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < rank; i++) {
    const da = a[a.length - rank + i] ?? 1;
    const db = b[b.length - rank + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) return undefined;
    out.push(da === 1 ? db : da);
  }
  return out;
}

function classify(shape: readonly number[], out: readonly number[]): Operand | undefined {
  const rank = out.length;
  const padded = [...new Array<number>(rank - shape.length).fill(1), ...shape];
  const size = product(padded);
  if (size === product(out)) return { mode: 0 };
  if (size === 1) return { mode: 3 };
  const first = padded.findIndex((d) => d !== 1);
  if (padded.every((d, i) => i < first || d === out[i])) return { mode: 1, split: first };
  let last = rank - 1;
  while (last >= 0 && padded[last] === 1) last--;
  if (padded.every((d, i) => (i <= last ? d === out[i] : d === 1))) {
    return { mode: 2, split: last + 1 };
  }
  return undefined;
}

/**
 * Maps a broadcasting binary op onto native/eltwise.cc's [rows, cols] modes:
 * same shape, scalar, a vector over the trailing axes (per-channel), or over
 * the leading axes (per-sample). Undefined for other broadcasts.
 * @example
 * planBinary([2, 4, 4, 4, 32], [32]); // { rows: 128, cols: 32, aMode: 0, bMode: 1, … }
 */
export function planBinary(
  aShape: readonly number[],
  bShape: readonly number[],
): BinaryPlan | undefined {
  const outShape = broadcastShape(aShape, bShape);
  if (outShape === undefined) return undefined;
  const direct = planInner(aShape, bShape, outShape);
  if (direct !== undefined) return direct;
  // Peel leading axes that both operands have in full (a per-sample, per-channel operand
  // [n, 1, 1, 1, c] against [n, d, h, w, c]: the gradient of a global average pool).
  const rank = outShape.length;
  const a = [...new Array<number>(rank - aShape.length).fill(1), ...aShape];
  const b = [...new Array<number>(rank - bShape.length).fill(1), ...bShape];
  for (let k = 1; k < rank && a[k - 1] === outShape[k - 1] && b[k - 1] === outShape[k - 1]; k++) {
    const inner = planInner(a.slice(k), b.slice(k), outShape.slice(k));
    if (inner !== undefined) return { ...inner, outShape, outer: product(outShape.slice(0, k)) };
  }
  return undefined;
}

function planInner(
  aShape: readonly number[],
  bShape: readonly number[],
  outShape: number[],
): BinaryPlan | undefined {
  const a = classify(aShape, outShape);
  const b = classify(bShape, outShape);
  if (a === undefined || b === undefined) return undefined;
  const splits = [a, b].flatMap((o) => ('split' in o ? [o.split] : []));
  if (splits.length === 2 && splits[0] !== splits[1]) return undefined;
  const n = product(outShape);
  const split = splits[0];
  if (split === undefined)
    return { outShape, rows: 1, cols: n, aMode: a.mode, bMode: b.mode, outer: 1 };
  const rows = product(outShape.slice(0, split));
  return {
    outShape,
    rows,
    cols: rows === 0 ? 0 : n / rows,
    aMode: a.mode,
    bMode: b.mode,
    outer: 1,
  };
}
