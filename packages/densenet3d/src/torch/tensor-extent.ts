import { DenseNetError } from '../errors/densenet-error';
import { shownName } from './shown-name';
import type { TensorRef } from './unpickler';

/** Where a tensor lies in its storage: its element count and whether it is contiguous. */
export interface TensorExtent {
  /** Elements of the tensor (the product of its shape). */
  count: number;
  /** True when the elements are `storage[offset … offset + count)` in row-major order. */
  contiguous: boolean;
}

/**
 * Checks a tensor's shape, stride and offset against its storage before anything is read:
 * non-negative integers, one stride per axis, every element inside the storage, and no more
 * elements than the storage holds (a state_dict weight never repeats elements; a stride-0 or
 * overlapping tensor with a huge shape would turn a few bytes into gigabytes).
 * @param name - the state_dict key, named in errors.
 * @param file - named in errors.
 * @throws DenseNetError `torch-format` naming the file and the key.
 * @example
 * tensorExtent(tensor, 'features.conv0.weight', 'model.pth').count; // 64 * 1 * 7 * 7 * 7
 */
export function tensorExtent(tensor: TensorRef, name: string, file: string): TensorExtent {
  const { shape, stride, offset } = tensor;
  const { numel } = tensor.storage;
  const fail = (message: string): never => {
    throw new DenseNetError({
      code: 'torch-format',
      file,
      key: name,
      value: JSON.stringify({ shape, stride, offset }),
      message: `tensor ${shownName(name)} ${message}`,
    });
  };
  if (stride.length !== shape.length)
    fail(`must have one stride per axis, got shape [${shape}] and stride [${stride}]`);
  if ([...shape, ...stride, offset, numel].some((value) => value < 0))
    fail(
      `must have non-negative sizes, strides, offset and storage size, got shape [${shape}], stride [${stride}], offset ${offset}, storage ${numel}`,
    );
  let count = 1;
  for (const size of shape) count *= size;
  if (count === 0) return { count: 0, contiguous: true };
  if (count > numel) {
    fail(
      `(shape [${shape}], stride [${stride}]) must have at most as many elements as its storage (${numel}), got ${count}: its elements repeat (a stride of 0 or overlapping strides), which a state_dict weight never does`,
    );
  }
  let last = offset;
  let contiguous = true;
  let expected = 1;
  for (let axis = shape.length - 1; axis >= 0; axis -= 1) {
    last += (shape[axis]! - 1) * stride[axis]!;
    if (shape[axis]! > 1 && stride[axis] !== expected) contiguous = false;
    expected *= shape[axis]!;
  }
  if (last >= numel) {
    fail(
      `(shape [${shape}], stride [${stride}], offset ${offset}) reaches element ${last}, outside its storage of ${numel}`,
    );
  }
  return { count, contiguous };
}
