// A fused Adam/AdamW update (torch.optim semantics): one pass over a parameter, its
// gradient and both moments instead of a dozen element-wise kernels.
#include <cmath>

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
Napi::Value AdamUpdate(const Napi::CallbackInfo& info) {
  int64_t n = int_arg(info, 4, "n");
  if (n < 0) type_error(info.Env(), "n must be non-negative");
  const float* param = f32_arg(info, 0, n, "param");
  const float* grad = f32_arg(info, 1, n, "grad");
  const float* m = f32_arg(info, 2, n, "m");
  const float* v = f32_arg(info, 3, n, "v");
  Napi::Value h = info[5];
  if (!h.IsTypedArray() || h.As<Napi::TypedArray>().TypedArrayType() != napi_float64_array ||
      h.As<Napi::Float64Array>().ElementLength() < 7) {
    type_error(info.Env(), "hyperparameters must be a Float64Array of 7 values");
  }
  const double* hp = h.As<Napi::Float64Array>().Data();
  float* param_out = f32_arg(info, 6, n, "paramOut");
  float* m_out = f32_arg(info, 7, n, "mOut");
  float* v_out = f32_arg(info, 8, n, "vOut");
  const double lr = hp[0], beta1 = hp[1], beta2 = hp[2], eps = hp[3], step = hp[4], wd = hp[5];
  const bool decoupled = hp[6] != 0;
  return guarded(info, "adamUpdate", [&] {
    const float b1 = static_cast<float>(beta1), c1 = static_cast<float>(1 - beta1);
    const float b2 = static_cast<float>(beta2), c2 = static_cast<float>(1 - beta2);
    const float step_size = static_cast<float>(lr / (1 - std::pow(beta1, step)));
    const float inv_bias2 = static_cast<float>(1 / std::sqrt(1 - std::pow(beta2, step)));
    const float epsilon = static_cast<float>(eps);
    const float l2 = decoupled ? 0.f : static_cast<float>(wd);
    const float shrink = decoupled ? static_cast<float>(1 - lr * wd) : 1.f;
    parallel_chunks(n, kMinParallelElements, [&](int64_t begin, int64_t end) {
#pragma omp simd
      for (int64_t i = begin; i < end; i++) {
        float p = param[i];
        float g = grad[i] + l2 * p;
        float mi = b1 * m[i] + c1 * g;
        float vi = b2 * v[i] + c2 * (g * g);
        float denominator = std::sqrt(vi) * inv_bias2 + epsilon;
        m_out[i] = mi;
        v_out[i] = vi;
        param_out[i] = p * shrink - step_size * (mi / denominator);
      }
    });
  });
}

}  // namespace ctf
