// Data movement: concatenation, slicing and constant padding of float32
// tensors, copying contiguous runs in parallel.
#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "args.h"
#include "errors.h"
#include "functions.h"
#include "parallel.h"

namespace ctf {
/**
 * concat(inputs: Float32Array[], widths: number[], rows, out): each input is
 * [rows, widths[k]]; out is [rows, Σ widths] (a concatenation along any axis
 * viewed as rows × row-width).
 */
Napi::Value Concat(const Napi::CallbackInfo& info) {
  if (!info[0].IsArray()) type_error(info.Env(), "inputs must be an array of Float32Array");
  Napi::Array list = info[0].As<Napi::Array>();
  std::vector<int64_t> widths = ints_arg(info, 1, list.Length(), "widths");
  int64_t rows = int_arg(info, 2, "rows");
  int64_t total = 0;
  for (int64_t w : widths) {
    if (w < 0) type_error(info.Env(), "widths must be non-negative");
    total += w;
  }
  float* out = f32_arg(info, 3, rows * total, "out");
  std::vector<const float*> inputs;
  for (uint32_t k = 0; k < list.Length(); k++) {
    Napi::Value v = list.Get(k);
    if (!v.IsTypedArray() || v.As<Napi::TypedArray>().TypedArrayType() != napi_float32_array ||
        static_cast<int64_t>(v.As<Napi::Float32Array>().ElementLength()) < rows * widths[k]) {
      type_error(info.Env(), "input " + std::to_string(k) + " must be a Float32Array of rows × width");
    }
    inputs.push_back(v.As<Napi::Float32Array>().Data());
  }
  return guarded(info, "concat", [&] {
    parallel_chunks(rows, min_rows(total), [&](int64_t begin, int64_t end) {
      for (int64_t r = begin; r < end; r++) {
        float* o = out + r * total;
        for (size_t k = 0; k < inputs.size(); k++) {
          int64_t w = widths[k];
          std::memcpy(o, inputs[k] + r * w, static_cast<size_t>(w) * sizeof(float));
          o += w;
        }
      }
    });
  });
}

namespace {

/** Strides (in elements) of a C-order shape. */
std::vector<int64_t> strides_of(const std::vector<int64_t>& shape) {
  std::vector<int64_t> s(shape.size(), 1);
  for (int64_t d = static_cast<int64_t>(shape.size()) - 2; d >= 0; d--) s[d] = s[d + 1] * shape[d + 1];
  return s;
}

}  // namespace

/** slice(x, shape[], begin[], size[], out). */
Napi::Value Slice(const Napi::CallbackInfo& info) {
  std::vector<int64_t> shape = ints_arg(info, 1, 0, "shape");
  size_t rank = shape.size();
  std::vector<int64_t> begin = ints_arg(info, 2, rank, "begin");
  std::vector<int64_t> size = ints_arg(info, 3, rank, "size");
  for (size_t d = 0; d < rank; d++) {
    if (begin[d] < 0 || size[d] < 0 || begin[d] + size[d] > shape[d]) {
      type_error(info.Env(), "slice out of bounds on axis " + std::to_string(d));
    }
  }
  const float* x = f32_arg(info, 0, product(shape), "x");
  float* out = f32_arg(info, 4, product(size), "out");
  return guarded(info, "slice", [&] {
    int64_t total = product(size);
    if (total == 0) return;
    std::vector<int64_t> xs = strides_of(shape);
    // Last axis that is cut: everything after it is copied whole.
    int64_t k = static_cast<int64_t>(rank) - 1;
    while (k >= 0 && size[k] == shape[k]) k--;
    if (k < 0) {
      std::memcpy(out, x, static_cast<size_t>(total) * sizeof(float));
      return;
    }
    int64_t run = size[k] * xs[k];
    int64_t base = begin[k] * xs[k];
    int64_t outer = total / run;
    parallel_chunks(outer, min_rows(run), [&](int64_t r0, int64_t r1) {
      for (int64_t r = r0; r < r1; r++) {
        int64_t rem = r;
        int64_t offset = base;
        for (int64_t d = k - 1; d >= 0; d--) {
          int64_t i = rem % size[d];
          rem /= size[d];
          offset += (begin[d] + i) * xs[d];
        }
        std::memcpy(out + r * run, x + offset, static_cast<size_t>(run) * sizeof(float));
      }
    });
  });
}

/**
 * pad(x, shape[], before[], after[], value, out): constant padding. Trailing axes without
 * padding are copied as one block per position of the last padded axis (a volume with one
 * channel is copied by rows, not by single values).
 */
Napi::Value Pad(const Napi::CallbackInfo& info) {
  std::vector<int64_t> shape = ints_arg(info, 1, 0, "shape");
  size_t rank = shape.size();
  if (rank == 0) type_error(info.Env(), "pad needs rank ≥ 1");
  std::vector<int64_t> before = ints_arg(info, 2, rank, "before");
  std::vector<int64_t> after = ints_arg(info, 3, rank, "after");
  float value = static_cast<float>(number_arg(info, 4, "value"));
  std::vector<int64_t> out_shape(rank);
  for (size_t d = 0; d < rank; d++) {
    if (before[d] < 0 || after[d] < 0) type_error(info.Env(), "paddings must be non-negative");
    out_shape[d] = shape[d] + before[d] + after[d];
  }
  const float* x = f32_arg(info, 0, product(shape), "x");
  float* out = f32_arg(info, 5, product(out_shape), "out");
  return guarded(info, "pad", [&] {
    int64_t total = product(out_shape);
    if (total == 0) return;
    // The last padded axis; everything after it is an unpadded block of `inner` values.
    int64_t last = static_cast<int64_t>(rank) - 1;
    while (last > 0 && before[last] == 0 && after[last] == 0) last--;
    int64_t inner = 1;
    for (size_t d = last + 1; d < rank; d++) inner *= shape[d];
    std::vector<int64_t> xs(last + 1, inner);
    for (int64_t d = last - 1; d >= 0; d--) xs[d] = xs[d + 1] * shape[d + 1];
    const int64_t width = out_shape[last] * inner;
    const int64_t rows = total / width;
    const int64_t head = before[last] * inner;
    const int64_t body = shape[last] * inner;
    parallel_chunks(rows, min_rows(width), [&](int64_t r0, int64_t r1) {
      for (int64_t r = r0; r < r1; r++) {
        float* o = out + r * width;
        int64_t rem = r;
        int64_t offset = 0;
        bool inside = true;
        for (int64_t d = last - 1; d >= 0; d--) {
          int64_t i = rem % out_shape[d] - before[d];
          rem /= out_shape[d];
          if (i < 0 || i >= shape[d]) {
            inside = false;
            break;
          }
          offset += i * xs[d];
        }
        if (!inside || body == 0) {
          std::fill(o, o + width, value);
          continue;
        }
        std::fill(o, o + head, value);
        std::memcpy(o + head, x + offset, static_cast<size_t>(body) * sizeof(float));
        std::fill(o + head + body, o + width, value);
      }
    });
  });
}

}  // namespace ctf
