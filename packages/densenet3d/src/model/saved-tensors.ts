/**
 * Saving a custom-gradient op's tensors for its backward pass without `save()`'s clones.
 *
 * tfjs's `save()` clones each tensor, and every clone becomes a node of the gradient tape
 * whose input the tape search (`getFilteredNodesXToY`) checks once per variable: a
 * DenseNet121 training step saves ~300 tensors across its dense blocks against 374 variables,
 * ~110 000 look-ups and ~300 extra kernel calls per step for nothing. Instead, the op's own
 * tensors are kept and put on the op's tape node, whose saved tensors the engine hands to the
 * gradient and disposes after backprop exactly as it does `save()`'s clones (also when the op
 * is not between the variables and the loss).
 *
 * This reads three fields of tfjs-core's engine state (`activeTape`, `kernelDepth`,
 * `gradientDepth`); where they are not as expected, ops fall back to `save()`.
 */
import * as tf from '@tensorflow/tfjs-core';

interface TapeNodeLike {
  outputs?: unknown[];
  saved?: tf.Tensor[];
}

interface EngineStateLike {
  activeTape?: TapeNodeLike[] | null;
  kernelDepth?: unknown;
  gradientDepth?: unknown;
}

function engineState(): EngineStateLike {
  return (tf.engine() as unknown as { state: EngineStateLike }).state;
}

/**
 * Whether an op run now is recorded on a gradient tape that {@link attachSaved} can reach
 * (tfjs records an op when a gradient is being taken and no kernel is running).
 */
export function recordingForGradient(): boolean {
  const state = engineState();
  return (
    typeof state.gradientDepth === 'number' &&
    typeof state.kernelDepth === 'number' &&
    state.gradientDepth > 0 &&
    state.kernelDepth === 0 &&
    Array.isArray(state.activeTape)
  );
}

/**
 * Inside a custom-gradient op's forward function, when {@link recordingForGradient} was true
 * before the op ran: the tensors to save, kept past the op's scope. `inputs` (the op's
 * arguments) and the op's output are cloned, as `save()` does, since their owners may dispose
 * them; the op's own intermediate tensors are kept as they are.
 */
export function keepForGradient(
  tensors: readonly tf.Tensor[],
  inputsAndOutput: readonly tf.Tensor[],
): tf.Tensor[] {
  return tensors.map((t) => tf.keep(inputsAndOutput.includes(t) ? t.clone() : t));
}

/**
 * After a custom-gradient op ran while {@link recordingForGradient}: puts `saved` on its tape
 * node (the last one, whose first output is `output`), where its gradient function finds
 * them as `saved` and the engine disposes them after backprop.
 * @throws {Error} when the op's node is not the tape's last (the tensors are disposed).
 */
export function attachSaved(output: tf.Tensor, saved: readonly tf.Tensor[]): void {
  const tape = engineState().activeTape;
  const node = Array.isArray(tape) ? tape[tape.length - 1] : undefined;
  if (
    node === undefined ||
    node.outputs?.[0] !== output ||
    !Array.isArray(node.saved) ||
    node.saved.length !== 0
  ) {
    tf.dispose([...saved]);
    throw new Error(
      'internal error: the custom-gradient op is not the last node of the gradient tape; its saved tensors were dropped',
    );
  }
  node.saved.push(...saved);
}
