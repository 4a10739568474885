// Training-mode batch normalisation over a channels-last tensor viewed as
// [M, C] (M = every position of every sample), forward and backward, as the
// CtfBatchNormForward / CtfBatchNormBackward kernels of docs/contracts.md:
//   y = (x - mean) / sqrt(variance + epsilon) * scale + offset,
// with mean and the biased variance computed over M.
#include <cmath>
#include <vector>

#include "args.h"
#include "errors.h"
#include "bn-math.h"
#include "functions.h"
#include "parallel.h"

namespace ctf {
namespace {

/** out[r, j] = in[r, j] * mul[j] + add[j] (row-parallel). */
void affine(const float* in, const float* mul, const float* add, float* out, int64_t m,
            int64_t c) {
  parallel_chunks(m, min_rows(c), [&](int64_t begin, int64_t end) {
    for (int64_t r = begin; r < end; r++) {
      const float* ir = in + r * c;
      float* orow = out + r * c;
#pragma omp simd
      for (int64_t j = 0; j < c; j++) orow[j] = ir[j] * mul[j] + add[j];
    }
  });
}

}  // namespace

/**
 * batchNormForward(x, m, c, scale, offset, epsilon, y, mean, variance):
 * fills y [m*c], mean [c] and the biased variance [c].
 */
Napi::Value BatchNormForward(const Napi::CallbackInfo& info) {
  int64_t m = int_arg(info, 1, "rows");
  int64_t c = int_arg(info, 2, "channels");
  if (m < 1 || c < 1) type_error(info.Env(), "rows and channels must be positive");
  const float* x = f32_arg(info, 0, m * c, "x");
  const float* scale = f32_arg(info, 3, c, "scale");
  const float* offset = f32_arg(info, 4, c, "offset");
  double epsilon = number_arg(info, 5, "epsilon");
  float* y = f32_arg(info, 6, m * c, "y");
  float* mean_out = f32_arg(info, 7, c, "mean");
  float* var_out = f32_arg(info, 8, c, "variance");
  return guarded(info, "batchNormForward", [&] {
    Pieces whole;
    whole.add(x, c);
    channel_moments(whole, m, mean_out, var_out);
    std::vector<float> mul(c), add(c);
    affine_coefficients(mean_out, var_out, scale, offset, epsilon, c, mul.data(), add.data());
    affine(x, mul.data(), add.data(), y, m, c);
  });
}

/**
 * batchNormBackward(dy, x, m, c, scale, mean, variance, epsilon, dx, dScale, dOffset).
 * dOffset = Σ dy, dScale = Σ dy·x̂, dx = scale·inv·(dy − dOffset/m − x̂·dScale/m).
 */
Napi::Value BatchNormBackward(const Napi::CallbackInfo& info) {
  int64_t m = int_arg(info, 2, "rows");
  int64_t c = int_arg(info, 3, "channels");
  if (m < 1 || c < 1) type_error(info.Env(), "rows and channels must be positive");
  const float* dy = f32_arg(info, 0, m * c, "dy");
  const float* x = f32_arg(info, 1, m * c, "x");
  const float* scale = f32_arg(info, 4, c, "scale");
  const float* mean = f32_arg(info, 5, c, "mean");
  const float* variance = f32_arg(info, 6, c, "variance");
  double epsilon = number_arg(info, 7, "epsilon");
  float* dx = f32_arg(info, 8, m * c, "dx");
  float* d_scale = f32_arg(info, 9, c, "dScale");
  float* d_offset = f32_arg(info, 10, c, "dOffset");
  return guarded(info, "batchNormBackward", [&] {
    std::vector<double> sum_dy, sum_dy_xc;
    channel_sums(
        m, c, reduction_parts(m, c),
        [&](int64_t r0, int64_t r1, float* fu, float* fuv) {
          for (int64_t r = r0; r < r1; r++) {
            const float* dyr = dy + r * c;
            const float* xr = x + r * c;
#pragma omp simd
            for (int64_t j = 0; j < c; j++) {
              fu[j] += dyr[j];
              fuv[j] += dyr[j] * (xr[j] - mean[j]);
            }
          }
        },
        sum_dy, sum_dy_xc);
    // dx = k1·dy + k2·(x − mean) + k3 per channel.
    std::vector<float> k1(c), k2(c), k3(c);
    backward_coefficients(sum_dy, sum_dy_xc, scale, variance, epsilon, m, c, k1.data(),
                          k2.data(), k3.data(), d_scale, d_offset);
    parallel_chunks(m, min_rows(c), [&](int64_t begin, int64_t end) {
      const float* p1 = k1.data();
      const float* p2 = k2.data();
      const float* p3 = k3.data();
      for (int64_t r = begin; r < end; r++) {
        const float* dyr = dy + r * c;
        const float* xr = x + r * c;
        float* dxr = dx + r * c;
#pragma omp simd
        for (int64_t j = 0; j < c; j++) dxr[j] = p1[j] * dyr[j] + p2[j] * (xr[j] - mean[j]) + p3[j];
      }
    });
  });
}

/**
 * batchNormInference(x, m, c, mean, multiplier, offset, y): y = (x − mean)·multiplier + offset
 * per channel (FusedBatchNorm with running statistics; multiplier = scale/sqrt(var + ε)).
 */
Napi::Value BatchNormInference(const Napi::CallbackInfo& info) {
  int64_t m = int_arg(info, 1, "rows");
  int64_t c = int_arg(info, 2, "channels");
  if (m < 1 || c < 1) type_error(info.Env(), "rows and channels must be positive");
  const float* x = f32_arg(info, 0, m * c, "x");
  const float* mean = f32_arg(info, 3, c, "mean");
  const float* mul = f32_arg(info, 4, c, "multiplier");
  const float* offset = f32_arg(info, 5, c, "offset");
  float* y = f32_arg(info, 6, m * c, "y");
  return guarded(info, "batchNormInference", [&] {
    parallel_chunks(m, min_rows(c), [&](int64_t begin, int64_t end) {
      for (int64_t r = begin; r < end; r++) {
        const float* xr = x + r * c;
        float* yr = y + r * c;
#pragma omp simd
        for (int64_t j = 0; j < c; j++) yr[j] = (xr[j] - mean[j]) * mul[j] + offset[j];
      }
    });
  });
}

}  // namespace ctf
