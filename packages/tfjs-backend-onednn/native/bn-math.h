// Per-channel arithmetic shared by the batch-normalisation kernels (batchnorm.cc, bnrelu.cc):
// one-pass channel sums with a mean shift, the affine coefficients of the normalisation,
// and the thread partition, which depends only on the row count and the total channel count
// so that a tensor normalised whole or as channel pieces gives the same bits.
#pragma once

#include <cmath>
#include <cstdint>
#include <vector>

#include "bn-loops.h"
#include "parallel.h"

namespace ctf {

constexpr int64_t kRowsPerFlush = 64;  // float partial sums are flushed to double this often

/** Threads a reduction over `m` rows of `channels` values uses. */
inline int reduction_parts(int64_t m, int64_t channels) {
  return parallel_parts(m, min_rows(channels));
}

/** Channel pieces: `data[k]` is [m, widths[k]], at channel `offsets[k]` of the whole. */
struct Pieces {
  std::vector<const float*> data;
  std::vector<int64_t> widths;
  std::vector<int64_t> offsets;
  int64_t channels = 0;
  void add(const float* piece, int64_t width) {
    data.push_back(piece);
    widths.push_back(width);
    offsets.push_back(channels);
    channels += width;
  }
  size_t size() const { return data.size(); }
};

/**
 * The mean of up to 64 rows spread over the m rows: a cheap per-channel estimate of the
 * mean that keeps one-pass variance sums free of cancellation.
 */
inline void mean_estimate(const Pieces& p, int64_t m, float* shift) {
  int64_t samples = m < 64 ? m : 64;
  std::vector<double> acc(p.channels, 0.0);
  for (int64_t k = 0; k < samples; k++) {
    const int64_t r = k * m / samples;
    for (size_t q = 0; q < p.size(); q++) {
      const float* row = p.data[q] + r * p.widths[q];
      double* a = acc.data() + p.offsets[q];
      for (int64_t j = 0; j < p.widths[q]; j++) a[j] += row[j];
    }
  }
  for (int64_t j = 0; j < p.channels; j++) shift[j] = static_cast<float>(acc[j] / samples);
}

/**
 * Per-channel sums Σ u and Σ u·v over the `m` rows of a [m, c] view, where `block(r0, r1,
 * fu, fv)` adds u and u·v of rows [r0, r1) into fu[0..c) and fv[0..c) (each channel's rows
 * in order). Accumulated in float over runs of 64 rows and in double across runs, split over
 * `parts` threads by rows.
 */
template <class Block>
void channel_sums(int64_t m, int64_t c, int parts, Block block, std::vector<double>& sum_u,
                  std::vector<double>& sum_uv) {
  std::vector<double> partial(static_cast<size_t>(parts) * 2 * c, 0.0);
  parallel_parts_for(m, parts, [&](int p, int64_t begin, int64_t end) {
    double* pu = partial.data() + static_cast<size_t>(p) * 2 * c;
    double* puv = pu + c;
    std::vector<float> fu(c), fuv(c);
    for (int64_t r0 = begin; r0 < end; r0 += kRowsPerFlush) {
      int64_t r1 = r0 + kRowsPerFlush < end ? r0 + kRowsPerFlush : end;
      for (int64_t j = 0; j < c; j++) fu[j] = fuv[j] = 0.f;
      block(r0, r1, fu.data(), fuv.data());
      for (int64_t j = 0; j < c; j++) {
        pu[j] += fu[j];
        puv[j] += fuv[j];
      }
    }
  });
  sum_u.assign(c, 0.0);
  sum_uv.assign(c, 0.0);
  for (int p = 0; p < parts; p++) {
    const double* pu = partial.data() + static_cast<size_t>(p) * 2 * c;
    for (int64_t j = 0; j < c; j++) {
      sum_u[j] += pu[j];
      sum_uv[j] += pu[c + j];
    }
  }
}

/**
 * Prefetches rows [r0, r1) of a [rows, c] array into the cache (for a pass that reads them
 * a channel piece at a time, which the hardware prefetchers do not follow).
 */
inline void prefetch_rows(const float* a, int64_t c, int64_t r0, int64_t r1) {
  const char* begin = reinterpret_cast<const char*>(a + r0 * c);
  const char* end = reinterpret_cast<const char*>(a + r1 * c);
  for (const char* line = begin; line < end; line += 64) __builtin_prefetch(line, 0, 2);
}

/**
 * Mean and biased variance per channel of the pieces' concatenation (float, as returned to
 * JavaScript), reading every row of every piece once, row by row.
 */
inline void channel_moments(const Pieces& p, int64_t m, float* mean_out, float* var_out) {
  const int64_t c = p.channels;
  std::vector<float> shift(c, 0.f);
  mean_estimate(p, m, shift.data());
  std::vector<double> s1, s2;
  channel_sums(
      m, c, reduction_parts(m, c),
      [&](int64_t r0, int64_t r1, float* fu, float* fuv) {
        for (int64_t r = r0; r < r1; r++) {
          for (size_t q = 0; q < p.size(); q++) {
            const int64_t o = p.offsets[q];
            moments_rows(p.data[q], p.widths[q], r, r + 1, shift.data() + o, fu + o, fuv + o);
          }
        }
      },
      s1, s2);
  for (int64_t j = 0; j < c; j++) {
    double d = s1[j] / static_cast<double>(m);  // mean of (x - shift)
    double var = s2[j] / static_cast<double>(m) - d * d;
    if (var < 0) var = 0;
    mean_out[j] = static_cast<float>(d + shift[j]);
    var_out[j] = static_cast<float>(var);
  }
}

/**
 * The affine form of training-mode normalisation from the float statistics:
 * y = x·mul + add with mul = scale/sqrt(variance + ε), add = offset − mean·mul. Computed from
 * the float mean and variance the kernels return, so a pass recomputed from them later
 * reproduces y bit for bit.
 */
inline void affine_coefficients(const float* mean, const float* variance, const float* scale,
                                const float* offset, double epsilon, int64_t c, float* mul,
                                float* add) {
  for (int64_t j = 0; j < c; j++) {
    double inv = 1.0 / std::sqrt(static_cast<double>(variance[j]) + epsilon);
    mul[j] = static_cast<float>(scale[j] * inv);
    add[j] = static_cast<float>(offset[j] - static_cast<double>(mean[j]) * scale[j] * inv);
  }
}

/**
 * The gradient of training-mode normalisation from the per-channel sums Σ g and Σ g·(x − mean)
 * (g the gradient w.r.t. y): dScale = Σ g·x̂, dOffset = Σ g, and dx = k1·g + k2·(x − mean) + k3.
 */
inline void backward_coefficients(const std::vector<double>& sum_g,
                                  const std::vector<double>& sum_g_xc, const float* scale,
                                  const float* variance, double epsilon, int64_t m, int64_t c,
                                  float* k1, float* k2, float* k3, float* d_scale,
                                  float* d_offset) {
  double inv_m = 1.0 / static_cast<double>(m);
  for (int64_t j = 0; j < c; j++) {
    double inv = 1.0 / std::sqrt(static_cast<double>(variance[j]) + epsilon);
    double ds = sum_g_xc[j] * inv;  // Σ g·x̂
    d_scale[j] = static_cast<float>(ds);
    d_offset[j] = static_cast<float>(sum_g[j]);
    double a = scale[j] * inv;
    k1[j] = static_cast<float>(a);
    k2[j] = static_cast<float>(-a * ds * inv * inv_m);
    k3[j] = static_cast<float>(-a * sum_g[j] * inv_m);
  }
}

/** tfjs's Step (alpha 0): 1 for v > 0, NaN for NaN, else 0 (the ReLU derivative). */
inline float relu_derivative(float v) { return v != v ? v : (v > 0.f ? 1.f : 0.f); }

}  // namespace ctf
