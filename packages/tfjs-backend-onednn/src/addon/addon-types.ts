/** What the native addon reports about itself. */
export interface NativeInfo {
  /** oneDNN's version, e.g. `2.6.3`. */
  onednnVersion: string;
  onednnHash: string;
  /** oneDNN's `cpu_isa` value of the instruction set in use. */
  cpuIsa: number;
  /** OpenMP threads the kernels use. */
  threads: number;
  /** Primitives in the LRU cache, its capacity, hits and misses. */
  cacheSize: number;
  cacheCapacity: number;
  cacheHits: number;
  cacheMisses: number;
  /** Bytes held by the reusable scratch buffers. */
  bufferBytes: number;
}

/** Sizes along depth, height and width. */
export type Triple = readonly [number, number, number];

/**
 * A 3D convolution as native/conv.cc reads it, field by field (NDHWC activations,
 * `[kd, kh, kw, in, out]` filters). Padding is oneDNN's: `padAfter` makes its output size
 * formula give tfjs's exactly (negative where the last inputs are not read).
 */
export interface ConvGeometry {
  batch: number;
  inChannels: number;
  outChannels: number;
  input: Triple;
  output: Triple;
  filter: Triple;
  strides: Triple;
  /** Front, top, left. */
  padBefore: Triple;
  /** Back, bottom, right. */
  padAfter: Triple;
  dilations: Triple;
}

/** When convolutions skip oneDNN's convolution primitives for matmuls (native/conv.cc). */
export interface ConvPaths {
  patchPositions: number;
  pointwisePositions: number;
}

/** A 3D pooling as native/pool.cc reads it, field by field (NDHWC). */
export interface PoolGeometry {
  batch: number;
  channels: number;
  input: Triple;
  output: Triple;
  window: Triple;
  strides: Triple;
  padBefore: Triple;
  padAfter: Triple;
}

/**
 * A batched matrix product as native/matmul.cc reads it: `out[b] = op(a[b]) · op(b[b])`, with
 * `a` stored `[batchA, m, k]` (`[batchA, k, m]` when `transposeA`) and `b` `[batchB, k, n]`
 * (`[batchB, n, k]` when `transposeB`); a batch of 1 broadcasts.
 */
export interface MatMulGeometry {
  batchA: number;
  batchB: number;
  m: number;
  k: number;
  n: number;
  transposeA: boolean;
  transposeB: boolean;
}

/** Modes of a binary operand: full, row vector (broadcast over rows), column vector, scalar. */
export type OperandMode = 0 | 1 | 2 | 3;

/**
 * adamUpdateMany's arguments: parameter k has `lengths[k]` elements and one Float32Array in
 * each list (outputs may alias inputs); `hyperparameters` as adamUpdate's.
 */
export interface AdamUpdateManyOptions {
  lengths: number[];
  param: Float32Array[];
  grad: Float32Array[];
  m: Float32Array[];
  v: Float32Array[];
  paramOut: Float32Array[];
  mOut: Float32Array[];
  vOut: Float32Array[];
  hyperparameters: Float64Array;
}

/**
 * The functions of `build/Release/ctf_onednn.node`, as listed in native/functions.def (the
 * native side's one list). Internal.
 */
export interface OneDnnAddon {
  info(): NativeInfo;
  setThreads(threads: number): number;
  setCacheCapacity(capacity: number): void;
  clearCache(): void;
  conv3dForward(
    x: Float32Array,
    filter: Float32Array,
    y: Float32Array,
    geometry: ConvGeometry,
  ): void;
  conv3dBackwardData(
    dy: Float32Array,
    filter: Float32Array,
    dx: Float32Array,
    geometry: ConvGeometry,
  ): void;
  conv3dBackwardWeights(
    x: Float32Array,
    dy: Float32Array,
    dw: Float32Array,
    geometry: ConvGeometry,
  ): void;
  /**
   * Sets (fields given) and returns the output positions per sample up to which stride-1
   * convolutions with a filter larger than 1³ run as a matmul over patches, and 1³ forward
   * convolutions as a matmul, instead of oneDNN convolution primitives (0: never).
   */
  setConvPaths(paths?: Partial<ConvPaths>): ConvPaths;
  convImplementations(geometry: ConvGeometry): {
    forward: string;
    backwardData: string;
    backwardWeights: string;
  };
  pool3dForward(
    kind: 'max' | 'avg',
    x: Float32Array,
    y: Float32Array,
    geometry: PoolGeometry,
  ): void;
  pool3dBackward(
    kind: 'max' | 'avg',
    dy: Float32Array,
    x: Float32Array,
    dx: Float32Array,
    geometry: PoolGeometry,
  ): void;
  batchNormForward(
    x: Float32Array,
    rows: number,
    channels: number,
    scale: Float32Array,
    offset: Float32Array,
    epsilon: number,
    y: Float32Array,
    mean: Float32Array,
    variance: Float32Array,
  ): void;
  batchNormBackward(
    dy: Float32Array,
    x: Float32Array,
    rows: number,
    channels: number,
    scale: Float32Array,
    mean: Float32Array,
    variance: Float32Array,
    epsilon: number,
    dx: Float32Array,
    dScale: Float32Array,
    dOffset: Float32Array,
  ): void;
  batchNormInference(
    x: Float32Array,
    rows: number,
    channels: number,
    mean: Float32Array,
    multiplier: Float32Array,
    offset: Float32Array,
    y: Float32Array,
  ): void;
  batchNormReluForward(options: {
    pieces: Float32Array[];
    widths: number[];
    rows: number;
    scale: Float32Array;
    offset: Float32Array;
    epsilon: number;
    relu: boolean;
    mean?: Float32Array;
    variance?: Float32Array;
    y: Float32Array;
    meanOut?: Float32Array;
    varianceOut?: Float32Array;
  }): void;
  batchNormReluBackward(options: {
    dy: Float32Array;
    pieces: Float32Array[];
    widths: number[];
    rows: number;
    scale: Float32Array;
    offset: Float32Array;
    mean: Float32Array;
    variance: Float32Array;
    epsilon: number;
    relu: boolean;
    dx: Float32Array[];
    accumulate?: Float32Array[];
    dScale: Float32Array;
    dOffset: Float32Array;
  }): void;
  reluBackward(dy: Float32Array, y: Float32Array, dx: Float32Array, n: number): void;
  unary(op: string, x: Float32Array, y: Float32Array, n: number, alpha?: number): void;
  binary(
    op: string,
    a: Float32Array,
    aMode: OperandMode,
    b: Float32Array,
    bMode: OperandMode,
    out: Float32Array,
    rows: number,
    cols: number,
  ): void;
  addN(inputs: Float32Array[], out: Float32Array, n: number): void;
  concat(inputs: Float32Array[], widths: number[], rows: number, out: Float32Array): void;
  slice(x: Float32Array, shape: number[], begin: number[], size: number[], out: Float32Array): void;
  pad(
    x: Float32Array,
    shape: number[],
    before: number[],
    after: number[],
    value: number,
    out: Float32Array,
  ): void;
  batchMatMul(a: Float32Array, b: Float32Array, out: Float32Array, geometry: MatMulGeometry): void;
  adamUpdate(
    param: Float32Array,
    grad: Float32Array,
    m: Float32Array,
    v: Float32Array,
    n: number,
    hyperparameters: Float64Array,
    paramOut: Float32Array,
    mOut: Float32Array,
    vOut: Float32Array,
  ): void;
  /** adamUpdate of every parameter in one call (the same values). */
  adamUpdateMany(options: AdamUpdateManyOptions): void;
  reduceSum(
    x: Float32Array,
    outer: number,
    reduce: number,
    inner: number,
    scale: number,
    out: Float32Array,
  ): void;
}
