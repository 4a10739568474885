// Training-mode batch normalisation fused with the ReLU that follows it, over channel
// pieces: the normalised tensor is the concatenation along channels of `pieces` (each
// [rows, width]), so a dense layer normalises its block's features without copying them
// into one tensor first. Forward and backward of the CtfBatchNormRelu* kernels of
// docs/contracts.md, and the ReLU gradient (CtfReluBackward).
//   forward:  y = max(0, (x − mean)/sqrt(variance + ε)·scale + offset)
//   backward: g = dy·step(pre-activation), then the batch-normalisation gradient of g;
//             the pre-activation is recomputed from x and the statistics (bit for bit the
//             forward's), so neither y nor a mask is kept between the passes.
#include <vector>

#include "args.h"
#include "bn-math.h"
#include "errors.h"
#include "kernels.h"
#include "parallel.h"

namespace ctf {
namespace {

/** The channel pieces of a call: data, widths, channel offsets, total channels. */
struct Pieces {
  std::vector<float*> data;
  std::vector<int64_t> widths;
  std::vector<int64_t> offsets;
  int64_t channels = 0;
};

Pieces read_pieces(const Options& o, const char* what, int64_t rows) {
  Pieces p;
  p.widths = o.ints("widths");
  if (p.widths.empty()) type_error(o.env(), std::string(what) + ": widths must not be empty");
  std::vector<int64_t> lengths;
  for (int64_t w : p.widths) {
    if (w < 1) type_error(o.env(), std::string(what) + ": widths must be positive");
    p.offsets.push_back(p.channels);
    p.channels += w;
    lengths.push_back(w * rows);
  }
  p.data = o.f32_list("pieces", lengths);
  return p;
}

/**
 * batchNormReluForward({ pieces, widths, rows, scale, offset, epsilon, relu, mean?, variance?,
 * y, meanOut?, varianceOut? }): with `mean`/`variance` given, normalises with them (a
 * recomputation); otherwise computes the batch statistics into meanOut/varianceOut.
 */
Napi::Value BatchNormReluForward(const Napi::CallbackInfo& info) {
  const char* what = "batchNormReluForward";
  Options o(info, 0, what);
  int64_t m = o.integer("rows");
  if (m < 1) type_error(info.Env(), std::string(what) + ": rows must be positive");
  Pieces p = read_pieces(o, what, m);
  const int64_t c = p.channels;
  const float* scale = o.f32("scale", c);
  const float* offset = o.f32("offset", c);
  const double epsilon = o.number("epsilon");
  const bool relu = o.flag("relu");
  const bool given = o.has("mean");
  float* mean_out = given ? nullptr : o.f32("meanOut", c);
  float* variance_out = given ? nullptr : o.f32("varianceOut", c);
  const float* mean = given ? o.f32("mean", c) : mean_out;
  const float* variance = given ? o.f32("variance", c) : variance_out;
  float* y = o.f32("y", m * c);
  return guarded(info, what, [&] {
    if (!given) {
      const int parts = reduction_parts(m, c);
      for (size_t k = 0; k < p.data.size(); k++) {
        channel_moments(p.data[k], m, p.widths[k], parts, mean_out + p.offsets[k],
                        variance_out + p.offsets[k]);
      }
    }
    std::vector<float> mul(c), add(c);
    affine_coefficients(mean, variance, scale, offset, epsilon, c, mul.data(), add.data());
    parallel_chunks(m, min_rows(c), [&](int64_t begin, int64_t end) {
      for (size_t k = 0; k < p.data.size(); k++) {
        const int64_t w = p.widths[k];
        const float* mk = mul.data() + p.offsets[k];
        const float* ak = add.data() + p.offsets[k];
        for (int64_t r = begin; r < end; r++) {
          const float* xr = p.data[k] + r * w;
          float* yr = y + r * c + p.offsets[k];
          if (relu) {
#pragma omp simd
            for (int64_t j = 0; j < w; j++) {
              float z = xr[j] * mk[j] + ak[j];
              yr[j] = z < 0.f ? 0.f : z;
            }
          } else {
#pragma omp simd
            for (int64_t j = 0; j < w; j++) yr[j] = xr[j] * mk[j] + ak[j];
          }
        }
      }
    });
  });
}

/**
 * batchNormReluBackward({ dy, pieces, widths, rows, scale, offset, mean, variance, epsilon,
 * relu, dx: [per piece], accumulate?: [per piece], dScale, dOffset }): dx[k] = accumulate[k] +
 * the gradient w.r.t. piece k (accumulate may be dx itself).
 */
Napi::Value BatchNormReluBackward(const Napi::CallbackInfo& info) {
  const char* what = "batchNormReluBackward";
  Options o(info, 0, what);
  int64_t m = o.integer("rows");
  if (m < 1) type_error(info.Env(), std::string(what) + ": rows must be positive");
  Pieces p = read_pieces(o, what, m);
  const int64_t c = p.channels;
  const float* dy = o.f32("dy", m * c);
  const float* scale = o.f32("scale", c);
  const float* offset = o.f32("offset", c);
  const float* mean = o.f32("mean", c);
  const float* variance = o.f32("variance", c);
  const double epsilon = o.number("epsilon");
  const bool relu = o.flag("relu");
  std::vector<int64_t> lengths;
  for (int64_t w : p.widths) lengths.push_back(w * m);
  std::vector<float*> dx = o.f32_list("dx", lengths);
  std::vector<float*> accumulate;
  if (o.has("accumulate")) accumulate = o.f32_list("accumulate", lengths);
  float* d_scale = o.f32("dScale", c);
  float* d_offset = o.f32("dOffset", c);
  return guarded(info, what, [&] {
    std::vector<float> mul(c), add(c);
    affine_coefficients(mean, variance, scale, offset, epsilon, c, mul.data(), add.data());
    const int parts = reduction_parts(m, c);
    std::vector<float> k1(c), k2(c), k3(c);
    for (size_t k = 0; k < p.data.size(); k++) {
      const int64_t w = p.widths[k];
      const int64_t o0 = p.offsets[k];
      const float* x = p.data[k];
      const float* mk = mul.data() + o0;
      const float* ak = add.data() + o0;
      const float* meank = mean + o0;
      std::vector<double> sum_g, sum_g_xc;
      channel_sums(
          m, w, parts,
          [&](int64_t r, float* fu, float* fuv) {
            const float* dyr = dy + r * c + o0;
            const float* xr = x + r * w;
            if (relu) {
#pragma omp simd
              for (int64_t j = 0; j < w; j++) {
                float g = dyr[j] * relu_derivative(xr[j] * mk[j] + ak[j]);
                fu[j] += g;
                fuv[j] += g * (xr[j] - meank[j]);
              }
            } else {
#pragma omp simd
              for (int64_t j = 0; j < w; j++) {
                fu[j] += dyr[j];
                fuv[j] += dyr[j] * (xr[j] - meank[j]);
              }
            }
          },
          sum_g, sum_g_xc);
      backward_coefficients(sum_g, sum_g_xc, scale + o0, variance + o0, epsilon, m, w,
                            k1.data() + o0, k2.data() + o0, k3.data() + o0, d_scale + o0,
                            d_offset + o0);
    }
    parallel_chunks(m, min_rows(c), [&](int64_t begin, int64_t end) {
      for (size_t k = 0; k < p.data.size(); k++) {
        const int64_t w = p.widths[k];
        const int64_t o0 = p.offsets[k];
        const float* x = p.data[k];
        const float* mk = mul.data() + o0;
        const float* ak = add.data() + o0;
        const float* meank = mean + o0;
        const float* p1 = k1.data() + o0;
        const float* p2 = k2.data() + o0;
        const float* p3 = k3.data() + o0;
        const float* acc = accumulate.empty() ? nullptr : accumulate[k];
        float* out = dx[k];
        for (int64_t r = begin; r < end; r++) {
          const float* dyr = dy + r * c + o0;
          const float* xr = x + r * w;
          float* dxr = out + r * w;
          const float* accr = acc == nullptr ? nullptr : acc + r * w;
          if (relu && accr != nullptr) {
#pragma omp simd
            for (int64_t j = 0; j < w; j++) {
              float g = dyr[j] * relu_derivative(xr[j] * mk[j] + ak[j]);
              float t = p1[j] * g + p2[j] * (xr[j] - meank[j]) + p3[j];
              dxr[j] = accr[j] + t;
            }
          } else if (relu) {
#pragma omp simd
            for (int64_t j = 0; j < w; j++) {
              float g = dyr[j] * relu_derivative(xr[j] * mk[j] + ak[j]);
              dxr[j] = p1[j] * g + p2[j] * (xr[j] - meank[j]) + p3[j];
            }
          } else if (accr != nullptr) {
#pragma omp simd
            for (int64_t j = 0; j < w; j++) {
              float t = p1[j] * dyr[j] + p2[j] * (xr[j] - meank[j]) + p3[j];
              dxr[j] = accr[j] + t;
            }
          } else {
#pragma omp simd
            for (int64_t j = 0; j < w; j++) {
              dxr[j] = p1[j] * dyr[j] + p2[j] * (xr[j] - meank[j]) + p3[j];
            }
          }
        }
      }
    });
  });
}

/** reluBackward(dy, y, dx, n): dx = dy·step(y), tfjs's ReLU gradient from the output. */
Napi::Value ReluBackward(const Napi::CallbackInfo& info) {
  int64_t n = int_arg(info, 3, "n");
  if (n < 0) type_error(info.Env(), "reluBackward: n must be non-negative");
  const float* dy = f32_arg(info, 0, n, "dy");
  const float* y = f32_arg(info, 1, n, "y");
  float* dx = f32_arg(info, 2, n, "dx");
  return guarded(info, "reluBackward", [&] {
    parallel_chunks(n, kMinParallelElements, [&](int64_t begin, int64_t end) {
#pragma omp simd
      for (int64_t i = begin; i < end; i++) dx[i] = dy[i] * relu_derivative(y[i]);
    });
  });
}

}  // namespace

void register_bnrelu(Napi::Env env, Napi::Object exports) {
  exports.Set("batchNormReluForward", Napi::Function::New(env, BatchNormReluForward));
  exports.Set("batchNormReluBackward", Napi::Function::New(env, BatchNormReluBackward));
  exports.Set("reluBackward", Napi::Function::New(env, ReluBackward));
}

}  // namespace ctf
