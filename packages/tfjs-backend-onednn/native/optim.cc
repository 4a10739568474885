// A fused Adam/AdamW update (torch.optim semantics): one pass over a parameter, its
// gradient and both moments instead of a dozen element-wise kernels.
#include <algorithm>
#include <cmath>
#include <vector>

#include "args.h"
#include "errors.h"
#include "functions.h"
#include "parallel.h"

namespace ctf {
/**
 * adamUpdate(param, grad, m, v, n, [lr, beta1, beta2, eps, step, weightDecay, decoupled],
 *            paramOut, mOut, vOut):
 *   g = grad + weightDecay·param            (Adam, weightDecay ≠ 0)
 *   p = param·(1 − lr·weightDecay)          (AdamW: decoupled = 1)
 *   m' = β1·m + (1 − β1)·g;  v' = β2·v + (1 − β2)·g²
 *   p' = p − lr/(1 − β1^step) · m' / (sqrt(v')/sqrt(1 − β2^step) + eps)
 * Outputs may alias inputs.
 */
namespace {

/** The update's constants, from [lr, beta1, beta2, eps, step, weightDecay, decoupled]. */
struct AdamConstants {
  float b1, c1, b2, c2, step_size, inv_bias2, epsilon, l2, shrink;
  explicit AdamConstants(const double* hp) {
    const double lr = hp[0], beta1 = hp[1], beta2 = hp[2], eps = hp[3], step = hp[4], wd = hp[5];
    const bool decoupled = hp[6] != 0;
    b1 = static_cast<float>(beta1);
    c1 = static_cast<float>(1 - beta1);
    b2 = static_cast<float>(beta2);
    c2 = static_cast<float>(1 - beta2);
    step_size = static_cast<float>(lr / (1 - std::pow(beta1, step)));
    inv_bias2 = static_cast<float>(1 / std::sqrt(1 - std::pow(beta2, step)));
    epsilon = static_cast<float>(eps);
    l2 = decoupled ? 0.f : static_cast<float>(wd);
    shrink = decoupled ? static_cast<float>(1 - lr * wd) : 1.f;
  }
};

/** One parameter's buffers: param, grad, m, v, then paramOut, mOut, vOut. */
struct AdamBuffers {
  const float *param, *grad, *m, *v;
  float *param_out, *m_out, *v_out;
};

/** Elements [begin, end) of one parameter; each element on its own, so any split agrees. */
void adam_range(const AdamConstants& k, const AdamBuffers& b, int64_t begin, int64_t end) {
  const float* param = b.param;
  const float* grad = b.grad;
  const float* m = b.m;
  const float* v = b.v;
  float* param_out = b.param_out;
  float* m_out = b.m_out;
  float* v_out = b.v_out;
#pragma omp simd
  for (int64_t i = begin; i < end; i++) {
    float p = param[i];
    float g = grad[i] + k.l2 * p;
    float mi = k.b1 * m[i] + k.c1 * g;
    float vi = k.b2 * v[i] + k.c2 * (g * g);
    float denominator = std::sqrt(vi) * k.inv_bias2 + k.epsilon;
    m_out[i] = mi;
    v_out[i] = vi;
    param_out[i] = p * k.shrink - k.step_size * (mi / denominator);
  }
}

const double* hyperparameters_of(const Napi::Env& env, Napi::Value h) {
  if (!h.IsTypedArray() || h.As<Napi::TypedArray>().TypedArrayType() != napi_float64_array ||
      h.As<Napi::Float64Array>().ElementLength() < 7) {
    type_error(env, "hyperparameters must be a Float64Array of 7 values");
  }
  return h.As<Napi::Float64Array>().Data();
}

}  // namespace

Napi::Value AdamUpdate(const Napi::CallbackInfo& info) {
  int64_t n = int_arg(info, 4, "n");
  if (n < 0) type_error(info.Env(), "n must be non-negative");
  AdamBuffers b{};
  b.param = f32_arg(info, 0, n, "param");
  b.grad = f32_arg(info, 1, n, "grad");
  b.m = f32_arg(info, 2, n, "m");
  b.v = f32_arg(info, 3, n, "v");
  const double* hp = hyperparameters_of(info.Env(), info[5]);
  b.param_out = f32_arg(info, 6, n, "paramOut");
  b.m_out = f32_arg(info, 7, n, "mOut");
  b.v_out = f32_arg(info, 8, n, "vOut");
  return guarded(info, "adamUpdate", [&] {
    const AdamConstants k(hp);
    parallel_chunks(n, kMinParallelElements,
                    [&](int64_t begin, int64_t end) { adam_range(k, b, begin, end); });
  });
}

/**
 * adamUpdateMany({ lengths, param, grad, m, v, paramOut, mOut, vOut, hyperparameters }):
 * adamUpdate of every parameter k (lengths[k] elements; each other field an array of one
 * Float32Array per parameter) in one call and one parallel region over all their elements:
 * the same values as one adamUpdate per parameter, without a call and a thread team each.
 */
Napi::Value AdamUpdateMany(const Napi::CallbackInfo& info) {
  Options o(info, 0, "adamUpdateMany");
  const std::vector<int64_t> lengths = o.ints("lengths");
  for (int64_t n : lengths) {
    if (n < 0) type_error(info.Env(), "adamUpdateMany: lengths must be non-negative");
  }
  const std::vector<float*> param = o.f32_list("param", lengths);
  const std::vector<float*> grad = o.f32_list("grad", lengths);
  const std::vector<float*> m = o.f32_list("m", lengths);
  const std::vector<float*> v = o.f32_list("v", lengths);
  const std::vector<float*> param_out = o.f32_list("paramOut", lengths);
  const std::vector<float*> m_out = o.f32_list("mOut", lengths);
  const std::vector<float*> v_out = o.f32_list("vOut", lengths);
  Napi::Value h = info[0].As<Napi::Object>().Get("hyperparameters");
  const double* hp = hyperparameters_of(info.Env(), h);
  std::vector<AdamBuffers> buffers(lengths.size());
  std::vector<int64_t> starts(lengths.size() + 1, 0);
  for (size_t k = 0; k < lengths.size(); k++) {
    buffers[k] = {param[k], grad[k], m[k], v[k], param_out[k], m_out[k], v_out[k]};
    starts[k + 1] = starts[k] + lengths[k];
  }
  return guarded(info, "adamUpdateMany", [&] {
    const AdamConstants k(hp);
    // [begin, end) of the concatenated elements: the parameters it overlaps, in turn.
    parallel_chunks(starts.back(), kMinParallelElements, [&](int64_t begin, int64_t end) {
      size_t p = static_cast<size_t>(
          std::upper_bound(starts.begin(), starts.end(), begin) - starts.begin() - 1);
      for (; p < lengths.size() && starts[p] < end; p++) {
        const int64_t from = std::max(begin, starts[p]) - starts[p];
        const int64_t to = std::min(end, starts[p + 1]) - starts[p];
        if (from < to) adam_range(k, buffers[p], from, to);
      }
    });
  });
}

}  // namespace ctf
