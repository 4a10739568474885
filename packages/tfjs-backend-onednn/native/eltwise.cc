// Element-wise kernels on float32: unary maps, binary ops with the broadcasts
// DenseNet training needs (same shape, per-channel vector, per-row vector,
// scalar), and AddN. Memory-bound loops, vectorised by the compiler and
// spread over the OpenMP threads.
#include <cmath>
#include <cstring>
#include <string>

#include "args.h"
#include "errors.h"
#include "functions.h"
#include "parallel.h"

namespace ctf {
namespace {

constexpr int64_t kGrain = kMinParallelElements;

template <class F>
void map_flat(int64_t n, F f) {
  parallel_chunks(n, kGrain, [&](int64_t begin, int64_t end) {
    for (int64_t i = begin; i < end; i++) f(i);
  });
}

}  // namespace

/** unary(op, x, y, n, alpha): y = op(x). */
Napi::Value Unary(const Napi::CallbackInfo& info) {
  std::string op = string_arg(info, 0, "op");
  int64_t n = int_arg(info, 3, "n");
  const float* x = f32_arg(info, 1, n, "x");
  float* y = f32_arg(info, 2, n, "y");
  double alpha_d = info.Length() > 4 && info[4].IsNumber() ? number_arg(info, 4, "alpha") : 0.0;
  const float alpha = static_cast<float>(alpha_d);
  return guarded(info, "unary", [&] {
    if (op == "relu") {
      map_flat(n, [&](int64_t i) { y[i] = x[i] < 0.f ? 0.f : x[i]; });
    } else if (op == "step") {
      // NaN stays NaN (x != x), as tfjs-backend-cpu; a branch-free loop so it vectorises.
      parallel_chunks(n, kGrain, [&](int64_t begin, int64_t end) {
        const float a = alpha;
        const float* xp = x;
        float* yp = y;
#pragma omp simd
        for (int64_t i = begin; i < end; i++) {
          float v = xp[i];
          float s = v > 0.f ? 1.f : a;
          yp[i] = v != v ? v : s;
        }
      });
    } else if (op == "sqrt") {
      map_flat(n, [&](int64_t i) { y[i] = std::sqrt(x[i]); });
    } else if (op == "rsqrt") {
      map_flat(n, [&](int64_t i) { y[i] = 1.f / std::sqrt(x[i]); });
    } else if (op == "square") {
      map_flat(n, [&](int64_t i) { y[i] = x[i] * x[i]; });
    } else if (op == "neg") {
      map_flat(n, [&](int64_t i) { y[i] = -x[i]; });
    } else if (op == "abs") {
      map_flat(n, [&](int64_t i) { y[i] = std::fabs(x[i]); });
    } else if (op == "exp") {
      map_flat(n, [&](int64_t i) { y[i] = std::exp(x[i]); });
    } else if (op == "log") {
      map_flat(n, [&](int64_t i) { y[i] = std::log(x[i]); });
    } else if (op == "reciprocal") {
      map_flat(n, [&](int64_t i) { y[i] = 1.f / x[i]; });
    } else if (op == "sigmoid") {
      map_flat(n, [&](int64_t i) { y[i] = 1.f / (1.f + std::exp(-x[i])); });
    } else {
      type_error(info.Env(), "unknown unary op '" + op + "'");
    }
  });
}

namespace {

enum Mode : int { kFull = 0, kRow = 1, kColumn = 2, kScalar = 3 };

template <int M>
inline int64_t at(int64_t r, int64_t c, int64_t cols) {
  if (M == kFull) return r * cols + c;
  if (M == kRow) return c;
  if (M == kColumn) return r;
  return 0;
}

template <class Op, int AM, int BM>
void run_binary(const float* a, const float* b, float* out, int64_t rows, int64_t cols, Op op) {
  if ((AM == kFull || AM == kScalar) && (BM == kFull || BM == kScalar)) {
    // No per-row structure: one flat loop.
    map_flat(rows * cols, [&](int64_t i) {
      out[i] = op(a[AM == kFull ? i : 0], b[BM == kFull ? i : 0]);
    });
    return;
  }
  parallel_chunks(rows, min_rows(cols), [&](int64_t begin, int64_t end) {
    for (int64_t r = begin; r < end; r++) {
      float* o = out + r * cols;
#pragma omp simd
      for (int64_t c = 0; c < cols; c++) o[c] = op(a[at<AM>(r, c, cols)], b[at<BM>(r, c, cols)]);
    }
  });
}

template <class Op>
void dispatch_modes(int am, int bm, const float* a, const float* b, float* out, int64_t rows,
                    int64_t cols, Op op) {
#define CTF_CASE(A, B) \
  if (am == A && bm == B) return run_binary<Op, A, B>(a, b, out, rows, cols, op);
  CTF_CASE(0, 0) CTF_CASE(0, 1) CTF_CASE(0, 2) CTF_CASE(0, 3)
  CTF_CASE(1, 0) CTF_CASE(1, 1) CTF_CASE(1, 2) CTF_CASE(1, 3)
  CTF_CASE(2, 0) CTF_CASE(2, 1) CTF_CASE(2, 2) CTF_CASE(2, 3)
  CTF_CASE(3, 0) CTF_CASE(3, 1) CTF_CASE(3, 2) CTF_CASE(3, 3)
#undef CTF_CASE
}

int64_t operand_length(int mode, int64_t rows, int64_t cols) {
  switch (mode) {
    case kFull: return rows * cols;
    case kRow: return cols;
    case kColumn: return rows;
    default: return 1;
  }
}

}  // namespace

/**
 * binary(op, a, aMode, b, bMode, out, rows, cols): out[r, c] = op(a, b) with
 * each operand indexed by its mode: 0 full [rows, cols], 1 row vector [cols]
 * (broadcast over rows), 2 column vector [rows], 3 scalar.
 */
Napi::Value Binary(const Napi::CallbackInfo& info) {
  std::string op = string_arg(info, 0, "op");
  int am = static_cast<int>(int_arg(info, 2, "aMode"));
  int bm = static_cast<int>(int_arg(info, 4, "bMode"));
  int64_t rows = int_arg(info, 6, "rows");
  int64_t cols = int_arg(info, 7, "cols");
  if (am < 0 || am > 3 || bm < 0 || bm > 3) type_error(info.Env(), "modes must be 0..3");
  if (rows < 0 || cols < 0) type_error(info.Env(), "rows and cols must be non-negative");
  const float* a = f32_arg(info, 1, operand_length(am, rows, cols), "a");
  const float* b = f32_arg(info, 3, operand_length(bm, rows, cols), "b");
  float* out = f32_arg(info, 5, rows * cols, "out");
  return guarded(info, "binary", [&] {
    if (op == "add") {
      dispatch_modes(am, bm, a, b, out, rows, cols, [](float u, float v) { return u + v; });
    } else if (op == "sub") {
      dispatch_modes(am, bm, a, b, out, rows, cols, [](float u, float v) { return u - v; });
    } else if (op == "mul") {
      dispatch_modes(am, bm, a, b, out, rows, cols, [](float u, float v) { return u * v; });
    } else if (op == "div") {
      dispatch_modes(am, bm, a, b, out, rows, cols, [](float u, float v) { return u / v; });
    } else if (op == "maximum") {
      dispatch_modes(am, bm, a, b, out, rows, cols, [](float u, float v) {
        return (u != u || v != v) ? NAN : (u > v ? u : v);
      });
    } else if (op == "minimum") {
      dispatch_modes(am, bm, a, b, out, rows, cols, [](float u, float v) {
        return (u != u || v != v) ? NAN : (u < v ? u : v);
      });
    } else if (op == "squaredDifference") {
      dispatch_modes(am, bm, a, b, out, rows, cols, [](float u, float v) {
        float d = u - v;
        return d * d;
      });
    } else {
      type_error(info.Env(), "unknown binary op '" + op + "'");
    }
  });
}

/** addN(inputs: Float32Array[], out, n): out = Σ inputs. */
Napi::Value AddN(const Napi::CallbackInfo& info) {
  if (!info[0].IsArray()) type_error(info.Env(), "inputs must be an array of Float32Array");
  Napi::Array list = info[0].As<Napi::Array>();
  int64_t n = int_arg(info, 2, "n");
  float* out = f32_arg(info, 1, n, "out");
  std::vector<const float*> inputs;
  for (uint32_t k = 0; k < list.Length(); k++) {
    Napi::Value v = list.Get(k);
    if (!v.IsTypedArray() || v.As<Napi::TypedArray>().TypedArrayType() != napi_float32_array ||
        static_cast<int64_t>(v.As<Napi::Float32Array>().ElementLength()) < n) {
      type_error(info.Env(), "inputs must be Float32Arrays of at least n elements");
    }
    inputs.push_back(v.As<Napi::Float32Array>().Data());
  }
  if (inputs.empty()) type_error(info.Env(), "addN needs at least one input");
  return guarded(info, "addN", [&] {
    parallel_chunks(n, kGrain, [&](int64_t begin, int64_t end) {
      const float* first = inputs[0];
      for (int64_t i = begin; i < end; i++) out[i] = first[i];
      for (size_t k = 1; k < inputs.size(); k++) {
        const float* in = inputs[k];
#pragma omp simd
        for (int64_t i = begin; i < end; i++) out[i] += in[i];
      }
    });
  });
}

}  // namespace ctf
