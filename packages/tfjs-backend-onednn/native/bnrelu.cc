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
#include "bn-loops.h"
#include "bn-math.h"
#include "errors.h"
#include "functions.h"
#include "parallel.h"

namespace ctf {
namespace {

/** Rows processed piece by piece at a time (dy's rows of a block stay in cache across pieces). */
constexpr int64_t kRowBlock = 128;

Pieces read_pieces(const Options& o, const char* what, int64_t rows) {
  std::vector<int64_t> widths = o.ints("widths");
  if (widths.empty()) type_error(o.env(), std::string(what) + ": widths must not be empty");
  std::vector<int64_t> lengths;
  for (int64_t w : widths) {
    if (w < 1) type_error(o.env(), std::string(what) + ": widths must be positive");
    lengths.push_back(w * rows);
  }
  std::vector<float*> data = o.f32_list("pieces", lengths);
  Pieces p;
  for (size_t k = 0; k < data.size(); k++) p.add(data[k], widths[k]);
  return p;
}

}  // namespace

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
    if (!given) channel_moments(p, m, mean_out, variance_out);
    std::vector<float> mul(c), add(c);
    affine_coefficients(mean, variance, scale, offset, epsilon, c, mul.data(), add.data());
    // Row by row (y written in order; each piece read in order).
    parallel_chunks(m, min_rows(c), [&](int64_t begin, int64_t end) {
      for (int64_t r = begin; r < end; r++) {
        for (size_t k = 0; k < p.size(); k++) {
          const int64_t o0 = p.offsets[k];
          normalise_rows(p.data[k], p.widths[k], y + o0, c, r, r + 1, mul.data() + o0,
                         add.data() + o0, relu);
        }
      }
    });
  });
}

/**
 * batchNormReluBackward({ dy, pieces, widths, rows, scale, offset, mean, variance, epsilon,
 * relu, dx: [per piece], accumulate?: [per piece], dScale, dOffset }): dx[k] = accumulate[k] +
 * the gradient w.r.t. piece k (accumulate may be dx itself). Two passes, each reading the
 * rows in order (dy is read whole, row by row): the sums, then the gradients.
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
    std::vector<double> sum_g, sum_g_xc;
    channel_sums(
        m, c, reduction_parts(m, c),
        [&](int64_t r0, int64_t r1, float* fu, float* fuv) {
          prefetch_rows(dy, c, r1, r1 + (r1 - r0) < m ? r1 + (r1 - r0) : m);
          for (size_t k = 0; k < p.size(); k++) {
            const int64_t o0 = p.offsets[k];
            gradient_sums_rows(dy + o0, c, p.data[k], p.widths[k], r0, r1, mul.data() + o0,
                               add.data() + o0, mean + o0, relu, fu + o0, fuv + o0);
          }
        },
        sum_g, sum_g_xc);
    std::vector<float> k1(c), k2(c), k3(c);
    backward_coefficients(sum_g, sum_g_xc, scale, variance, epsilon, m, c, k1.data(), k2.data(),
                          k3.data(), d_scale, d_offset);
    parallel_chunks(m, min_rows(c), [&](int64_t begin, int64_t end) {
      for (int64_t r0 = begin; r0 < end; r0 += kRowBlock) {
        const int64_t r1 = r0 + kRowBlock < end ? r0 + kRowBlock : end;
        prefetch_rows(dy, c, r1, r1 + kRowBlock < end ? r1 + kRowBlock : end);
        for (size_t k = 0; k < p.size(); k++) {
          const int64_t o0 = p.offsets[k];
          gradient_rows(dy + o0, c, p.data[k], p.widths[k], r0, r1, mul.data() + o0,
                        add.data() + o0, mean + o0, k1.data() + o0, k2.data() + o0,
                        k3.data() + o0, relu, accumulate.empty() ? nullptr : accumulate[k],
                        dx[k]);
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

}  // namespace ctf
