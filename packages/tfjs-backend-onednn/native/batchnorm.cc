// Training-mode batch normalisation over a channels-last tensor viewed as
// [M, C] (M = every position of every sample), forward and backward, as the
// CtfBatchNormForward / CtfBatchNormBackward kernels of docs/contracts.md:
//   y = (x - mean) / sqrt(variance + epsilon) * scale + offset,
// with mean and the biased variance computed over M.
#include <cmath>
#include <vector>

#include "args.h"
#include "errors.h"
#include "kernels.h"
#include "parallel.h"

namespace ctf {
namespace {

constexpr int64_t kRowsPerFlush = 64;  // float partial sums are flushed to double this often

/**
 * Per-channel sums over rows of `a` (and of a*b / a*a), accumulated in
 * float over short runs and in double across them. `shift` is subtracted
 * from `a` first (a per-channel estimate of the mean keeps the variance sum
 * accurate in one pass).
 */
void channel_sums(const float* a, const float* b, const float* shift, int64_t m, int64_t c,
                  std::vector<double>& sum_a, std::vector<double>& sum_ab) {
  int parts = parallel_parts(m, min_rows(c));
  std::vector<double> partial(static_cast<size_t>(parts) * 2 * c, 0.0);
  parallel_parts_for(m, parts, [&](int p, int64_t begin, int64_t end) {
    double* pa = partial.data() + static_cast<size_t>(p) * 2 * c;
    double* pab = pa + c;
    std::vector<float> fa(c), fab(c);
    for (int64_t r0 = begin; r0 < end; r0 += kRowsPerFlush) {
      int64_t r1 = r0 + kRowsPerFlush < end ? r0 + kRowsPerFlush : end;
      for (int64_t j = 0; j < c; j++) fa[j] = fab[j] = 0.f;
      for (int64_t r = r0; r < r1; r++) {
        const float* ar = a + r * c;
        const float* br = b + r * c;
        float* fap = fa.data();
        float* fabp = fab.data();
        if (b == a) {
#pragma omp simd
          for (int64_t j = 0; j < c; j++) {
            float v = ar[j] - shift[j];
            fap[j] += v;
            fabp[j] += v * v;
          }
        } else {
#pragma omp simd
          for (int64_t j = 0; j < c; j++) {
            float v = ar[j];
            fap[j] += v;
            fabp[j] += v * (br[j] - shift[j]);
          }
        }
      }
      for (int64_t j = 0; j < c; j++) {
        pa[j] += fa[j];
        pab[j] += fab[j];
      }
    }
  });
  sum_a.assign(c, 0.0);
  sum_ab.assign(c, 0.0);
  for (int p = 0; p < parts; p++) {
    const double* pa = partial.data() + static_cast<size_t>(p) * 2 * c;
    for (int64_t j = 0; j < c; j++) {
      sum_a[j] += pa[j];
      sum_ab[j] += pa[c + j];
    }
  }
}

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
    // The mean of up to 64 rows spread over the tensor: a cheap estimate of the
    // mean that keeps the one-pass variance free of cancellation.
    std::vector<float> shift(c, 0.f);
    {
      int64_t samples = m < 64 ? m : 64;
      std::vector<double> acc(c, 0.0);
      for (int64_t k = 0; k < samples; k++) {
        const float* row = x + (k * m / samples) * c;
        for (int64_t j = 0; j < c; j++) acc[j] += row[j];
      }
      for (int64_t j = 0; j < c; j++) shift[j] = static_cast<float>(acc[j] / samples);
    }
    std::vector<double> s1, s2;
    channel_sums(x, x, shift.data(), m, c, s1, s2);
    std::vector<float> mul(c), add(c);
    for (int64_t j = 0; j < c; j++) {
      double d = s1[j] / static_cast<double>(m);  // mean of (x - shift)
      double var = s2[j] / static_cast<double>(m) - d * d;
      if (var < 0) var = 0;
      double mean = d + shift[j];
      double inv = 1.0 / std::sqrt(var + epsilon);
      mean_out[j] = static_cast<float>(mean);
      var_out[j] = static_cast<float>(var);
      mul[j] = static_cast<float>(scale[j] * inv);
      add[j] = static_cast<float>(offset[j] - mean * scale[j] * inv);
    }
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
    channel_sums(dy, x, mean, m, c, sum_dy, sum_dy_xc);
    // dx = k1·dy + k2·(x − mean) + k3 per channel.
    std::vector<float> k1(c), k2(c), k3(c);
    for (int64_t j = 0; j < c; j++) {
      double inv = 1.0 / std::sqrt(static_cast<double>(variance[j]) + epsilon);
      double ds = sum_dy_xc[j] * inv;  // Σ dy·x̂
      d_scale[j] = static_cast<float>(ds);
      d_offset[j] = static_cast<float>(sum_dy[j]);
      double a = scale[j] * inv;
      double inv_m = 1.0 / static_cast<double>(m);
      k1[j] = static_cast<float>(a);
      k2[j] = static_cast<float>(-a * ds * inv * inv_m);
      k3[j] = static_cast<float>(-a * sum_dy[j] * inv_m);
    }
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

}  // namespace

void register_batchnorm(Napi::Env env, Napi::Object exports) {
  exports.Set("batchNormForward", Napi::Function::New(env, BatchNormForward));
  exports.Set("batchNormBackward", Napi::Function::New(env, BatchNormBackward));
  exports.Set("batchNormInference", Napi::Function::New(env, BatchNormInference));
}

}  // namespace ctf
