import { sampleTrilinear } from '@ct-fracture/nifti-io';
import * as tf from '@tensorflow/tfjs-core';
import { classifyLogits, type TaskDecision } from '../calibration/classify-logits';
import { DenseNetError } from '../errors/densenet-error';
import type { DenseNet3d } from '../model/dense-net-3d';
import { defaultGradCamLayer } from '../model/dense-net-modules';
import { type CamTarget, camScore, resolveCamTarget } from './cam-target';
import { channelWeights, GRAD_CAM_METHODS, type GradCamMethod } from './channel-weights';
import { ensureFusedBatchNormGradient } from './fused-batch-norm-gradient';

/** Options of {@link gradCam}. */
export interface GradCamOptions {
  /** The task (head) to explain. */
  task: string;
  /** The class to explain, by name; default the predicted class. */
  className?: string;
  /** The class to explain, by index in the task's order (instead of `className`). */
  classIndex?: number;
  /** Stage whose output is weighted (see `model.stageNames`); default {@link defaultGradCamLayer}. */
  layer?: string;
  /** `'gradcam'` (default) or `'gradcam++'`. */
  method?: GradCamMethod;
  /**
   * The task's temperature and threshold (`taskDecision(metadata, task)`): they give
   * `probabilities` and the default class. Default: none (0.5 / arg-max).
   */
  decision?: TaskDecision;
}

/** A Grad-CAM of one input: the layer-resolution map and the map at the input size. */
export interface GradCamResult {
  task: string;
  /** The explained class (index in the task's order, and name). */
  classIndex: number;
  className: string;
  layer: string;
  method: GradCamMethod;
  /** The differentiated score: the class logit (binary negative class: −logit). */
  score: number;
  /**
   * The task's class probabilities for this input (softmax, or `[1 − p, p]` for binary), after
   * the `decision`'s temperature.
   */
  probabilities: number[];
  /** The task's raw logits for this input (`[1]` binary, else one per class). */
  logits: number[];
  /** `[d, h, w]` of the layer. */
  layerShape: [number, number, number];
  /** `relu(Σ_c w_c · A_c)` at the layer's resolution, C order over `layerShape`, not normalised. */
  layerCam: Float32Array;
  /** `[D, H, W]` of the input. */
  shape: [number, number, number];
  /**
   * `layerCam` resized to the input size (trilinear, `align_corners=False`, as
   * `F.interpolate`) and divided by its maximum: values in [0, 1], C order over `shape`. All
   * zeros when the class score has no positive evidence at this layer (`layerCam` all 0).
   */
  heatmap: Float32Array;
}

function checkInput(model: DenseNet3d, input: tf.Tensor): [number, number, number] {
  const channels = model.config.body.inChannels;
  if (input.rank !== 5 || input.shape[0] !== 1 || input.shape[4] !== channels) {
    throw new DenseNetError({
      code: 'invalid-input',
      message: `Grad-CAM input must be one volume [1, D, H, W, ${channels}], got [${input.shape}]`,
      value: JSON.stringify(input.shape),
    });
  }
  return [input.shape[1]!, input.shape[2]!, input.shape[3]!];
}

function checkMethod(method: string): GradCamMethod {
  if (!(GRAD_CAM_METHODS as readonly string[]).includes(method)) {
    throw new DenseNetError({
      code: 'invalid-input',
      message: `method must be one of ${GRAD_CAM_METHODS.join(', ')}, got '${method}'`,
      value: method,
    });
  }
  return method as GradCamMethod;
}

/** Runs the part of the network after `layer` and differentiates the class score w.r.t. its input. */
function scoreAndGradient(
  model: DenseNet3d,
  activation: tf.Tensor,
  layer: string,
  target: CamTarget,
): { value: tf.Scalar; grad: tf.Tensor } {
  ensureFusedBatchNormGradient();
  try {
    return tf.valueAndGrad((a: tf.Tensor) => {
      const { logits } = model.forward(a, { startAfter: layer });
      const score = camScore(logits[target.headIndex]!, target);
      tf.dispose(logits);
      return score;
    })(activation);
  } catch (error) {
    if (/gradient function not found/i.test((error as Error).message)) {
      throw new DenseNetError({
        code: 'backend',
        message: `Grad-CAM needs tfjs-core's kernel gradients: import '@ct-fracture/densenet3d/register-gradients' once (${(error as Error).message})`,
        cause: error,
      });
    }
    throw error;
  }
}

/**
 * Grad-CAM (Selvaraju et al. 2017) or Grad-CAM++ (Chattopadhay et al. 2018) of one input for a
 * task and class, on any stage of the network (default: the last dense block's output, before
 * the final norm). The model runs in inference mode (running statistics); the class score is
 * the logit (see {@link camScore}), differentiated w.r.t. the stage output `A` by running only
 * what follows it. Then `cam = relu(Σ_c w_c · A_c)` (channel weights: {@link channelWeights}),
 * resized to the input size with trilinear interpolation (`align_corners=False`) and divided by
 * its maximum — pytorch-grad-cam's recipe, except that its min-subtraction is left out so that
 * zero stays "no evidence". Needs kernel gradients: in Node import
 * `@ct-fracture/densenet3d/register-gradients` once. Every tensor it makes is disposed.
 * @param input - `[1, D, H, W, inChannels]` float32 (preprocessed as the model expects).
 * @throws DenseNetError `invalid-input` for a bad input, task, class, layer or method;
 *   `backend` when kernel gradients are not registered.
 * @example
 * const cam = await gradCam(model, input, { task: 'gt_displacement', className: 'yes' });
 * cam.heatmap; // Float32Array over [D, H, W], values in [0, 1]
 */
export async function gradCam(
  model: DenseNet3d,
  input: tf.Tensor,
  options: GradCamOptions,
): Promise<GradCamResult> {
  const shape = checkInput(model, input);
  const method = checkMethod(options.method ?? 'gradcam');
  const layer = options.layer ?? defaultGradCamLayer(model.config.body);
  const resolved = resolveCamTarget(
    model.config.heads,
    options.task,
    options.className,
    options.classIndex,
  );
  const { logits, captured } = model.forward(input, { capture: [layer] });
  const activation = captured.get(layer)!;
  let camTensor: tf.Tensor | undefined;
  let scoreTensor: tf.Scalar | undefined;
  let target: CamTarget;
  try {
    const headLogits = Array.from(await logits[resolved.headIndex]!.data());
    const classified = classifyLogits(resolved.head, headLogits, options.decision);
    target = {
      ...resolved,
      classIndex: resolved.classIndex ?? classified.classIndex,
    };
    if (activation.rank !== 5) {
      throw new DenseNetError({
        code: 'invalid-input',
        message: `layer must be a stage with a spatial output [1, d, h, w, C], got '${layer}' with shape [${activation.shape}]`,
        value: layer,
      });
    }
    [camTensor, scoreTensor] = tf.tidy(() => {
      const { value, grad } = scoreAndGradient(model, activation, layer, target);
      const weights = channelWeights(activation, grad, method);
      return [tf.relu(tf.sum(tf.mul(activation, weights), 4)), value] as const;
    });
    const layerShape = activation.shape.slice(1, 4) as [number, number, number];
    const layerCam = (await camTensor.data()) as Float32Array;
    const score = (await scoreTensor.data())[0]!;
    return {
      task: target.head.task,
      classIndex: target.classIndex,
      className: target.head.classes[target.classIndex]!,
      layer,
      method,
      score,
      probabilities: classified.probabilities,
      logits: headLogits,
      layerShape,
      layerCam,
      shape,
      heatmap: upsampleCam(layerCam, layerShape, shape),
    };
  } finally {
    tf.dispose([activation, ...logits]);
    if (camTensor !== undefined) camTensor.dispose();
    if (scoreTensor !== undefined) scoreTensor.dispose();
  }
}

/**
 * Where output index `o` of a resize from `inSize` to `outSize` samples reads its input, as
 * `F.interpolate(mode='trilinear', align_corners=False)`: `max(0, (o + 0.5)·in/out − 0.5)`, with
 * the interpolation weight in float32 as PyTorch computes it, within `[0, in − 1]`.
 */
function sourceIndex(o: number, inSize: number, outSize: number): number {
  const source = Math.max(0, (o + 0.5) * (inSize / outSize) - 0.5);
  const low = Math.min(Math.floor(source), inSize - 1);
  return Math.min(low + Math.fround(source - low), inSize - 1);
}

/**
 * A layer-resolution CAM at the input size: trilinear (`align_corners=False`, as
 * `F.interpolate`; `@ct-fracture/nifti-io`'s `sampleTrilinear`), then divided by its maximum
 * (all zeros stay zeros).
 * @example
 * upsampleCam(cam.layerCam, cam.layerShape, [64, 64, 64]);
 */
export function upsampleCam(
  layerCam: Float32Array,
  layerShape: [number, number, number],
  shape: [number, number, number],
): Float32Array {
  const [ni, nj, nk] = shape;
  const sources = shape.map((size, axis) =>
    Float64Array.from({ length: size }, (_, o) => sourceIndex(o, layerShape[axis]!, size)),
  ) as [Float64Array, Float64Array, Float64Array];
  const data = new Float32Array(ni * nj * nk);
  let index = 0;
  for (let i = 0; i < ni; i++) {
    for (let j = 0; j < nj; j++) {
      for (let k = 0; k < nk; k++, index++) {
        data[index] = sampleTrilinear(
          layerCam,
          layerShape,
          sources[0][i]!,
          sources[1][j]!,
          sources[2][k]!,
        );
      }
    }
  }
  let max = 0;
  for (let index = 0; index < data.length; index++) if (data[index]! > max) max = data[index]!;
  if (max > 0) for (let index = 0; index < data.length; index++) data[index] = data[index]! / max;
  return data;
}
