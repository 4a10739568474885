// MaxPool3D / AvgPool3D and their gradients on oneDNN (NDHWC).
//
// Semantics follow tfjs-backend-cpu: max pooling ignores padding, average
// pooling divides by the number of non-padding elements in the forward pass
// and by the full window size in the gradient (AvgPool3DGrad).
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "args.h"
#include "context.h"
#include "errors.h"
#include "functions.h"
#include "parallel.h"
#include "simd.h"

namespace ctf {
namespace {

using dnnl::memory;
using tag = memory::format_tag;
using dt = memory::data_type;

struct PoolGeometry {
  int64_t n, c, id, ih, iw, od, oh, ow;
  memory::dims kernel, strides, pad_l, pad_r;
  std::string key;
};

/**
 * The pooling geometry object (src/addon/addon-types.ts `PoolGeometry`), read field by field:
 * batch, channels, input / output / window sizes, strides, padBefore, padAfter (each
 * [depth, height, width]).
 */
PoolGeometry read_geometry(const Napi::CallbackInfo& info, size_t index) {
  Options o(info, index, "pool geometry");
  int64_t n = o.positive("batch");
  int64_t c = o.positive("channels");
  std::vector<int64_t> input = o.triple("input", true);
  std::vector<int64_t> output = o.triple("output", true);
  PoolGeometry r{n,
                 c,
                 input[0],
                 input[1],
                 input[2],
                 output[0],
                 output[1],
                 output[2],
                 o.triple("window", true),
                 o.triple("strides", true),
                 o.triple("padBefore"),
                 o.triple("padAfter"),
                 ""};
  std::vector<int64_t> key = {n, c, input[0], input[1], input[2], output[0], output[1], output[2]};
  for (const memory::dims* part : {&r.kernel, &r.strides, &r.pad_l, &r.pad_r}) {
    key.insert(key.end(), part->begin(), part->end());
  }
  r.key = join(key);
  return r;
}

memory::desc src_md(const PoolGeometry& g) {
  return memory::desc({g.n, g.c, g.id, g.ih, g.iw}, dt::f32, tag::ndhwc);
}
memory::desc dst_md(const PoolGeometry& g) {
  return memory::desc({g.n, g.c, g.od, g.oh, g.ow}, dt::f32, tag::ndhwc);
}

dnnl::algorithm algorithm_of(const std::string& kind, bool backward) {
  if (kind == "max") return dnnl::algorithm::pooling_max;
  return backward ? dnnl::algorithm::pooling_avg_include_padding
                  : dnnl::algorithm::pooling_avg_exclude_padding;
}

dnnl::pooling_forward::primitive_desc forward_pd(const PoolGeometry& g, dnnl::algorithm alg,
                                                 dnnl::prop_kind prop) {
  dnnl::pooling_forward::desc d(prop, alg, src_md(g), dst_md(g), g.strides, g.kernel, g.pad_l,
                                g.pad_r);
  return dnnl::pooling_forward::primitive_desc(d, default_attr(), engine());
}

struct Forward : Cached {
  dnnl::pooling_forward::primitive_desc pd;
  dnnl::pooling_forward prim;
};

struct Backward : Cached {
  dnnl::pooling_forward::primitive_desc fwd_pd;  // training mode: makes the max workspace
  dnnl::pooling_forward fwd;
  dnnl::pooling_backward::primitive_desc pd;
  dnnl::pooling_backward prim;
  bool max = false;
};

/**
 * `when ? a : b` on float bits. GCC 12 does not vectorise a float select whose arm is loaded
 * from memory (without AVX-512 masks); an integer mask select it does.
 */
inline float select(bool when, float a, float b) {
  int32_t ai, bi;
  std::memcpy(&ai, &a, sizeof ai);
  std::memcpy(&bi, &b, sizeof bi);
  const int32_t mask = -static_cast<int32_t>(when);
  const int32_t out = (ai & mask) | (bi & ~mask);
  float f;
  std::memcpy(&f, &out, sizeof f);
  return f;
}

/** One window position of a running argmax: where x ≥ top, top = x and index = k. */
inline void argmax_step(const float* __restrict x, float* __restrict top, float* __restrict index,
                        float k, int64_t c) {
#pragma omp simd
  for (int64_t j = 0; j < c; j++) {
    const bool wins = x[j] >= top[j];
    top[j] = select(wins, x[j], top[j]);
    index[j] = select(wins, k, index[j]);
  }
}

/** out += g where index = k. */
inline void add_where(float* __restrict out, const float* __restrict index,
                      const float* __restrict g, float k, int64_t c) {
#pragma omp simd
  for (int64_t j = 0; j < c; j++) out[j] += select(index[j] == k, g[j], 0.f);
}

/** Outputs o whose window holds input position i along one axis: o·s − p ≤ i < o·s − p + k. */
inline int64_t first_output(int64_t i, int64_t k, int64_t s, int64_t p) {
  const int64_t num = i + p - k + 1;
  return num <= 0 ? int64_t{0} : (num + s - 1) / s;
}
inline int64_t last_output(int64_t i, int64_t s, int64_t p, int64_t size) {
  const int64_t o = (i + p) / s;
  return o < size - 1 ? o : size - 1;
}

/** Pass 1 of max_pool_backward for output row r (sample, depth, height): every width, channel. */
CTF_SIMD_CLONES
void argmax_row(const PoolGeometry& g, const float* x, float* argmax, float* top, int64_t r) {
  const int64_t c = g.c;
  const int64_t kd = g.kernel[0], kh = g.kernel[1], kw = g.kernel[2];
  const int64_t oh = r % g.oh, od = (r / g.oh) % g.od, n = r / (g.oh * g.od);
  for (int64_t ow = 0; ow < g.ow; ow++) {
    float* index = argmax + (r * g.ow + ow) * c;
    for (int64_t j = 0; j < c; j++) {
      top[j] = -std::numeric_limits<float>::infinity();
      index[j] = -1.f;
    }
    for (int64_t a = 0; a < kd; a++) {
      const int64_t d = od * g.strides[0] - g.pad_l[0] + a;
      if (d < 0 || d >= g.id) continue;
      for (int64_t b = 0; b < kh; b++) {
        const int64_t h = oh * g.strides[1] - g.pad_l[1] + b;
        if (h < 0 || h >= g.ih) continue;
        for (int64_t e = 0; e < kw; e++) {
          const int64_t w = ow * g.strides[2] - g.pad_l[2] + e;
          if (w < 0 || w >= g.iw) continue;
          argmax_step(x + (((n * g.id + d) * g.ih + h) * g.iw + w) * c, top, index,
                      static_cast<float>((a * kh + b) * kw + e), c);
        }
      }
    }
  }
}

/** Pass 2 of max_pool_backward for input row r (sample, depth, height). */
CTF_SIMD_CLONES
void gather_row(const PoolGeometry& g, const float* dy, const float* argmax, float* dx,
                int64_t r) {
  const int64_t c = g.c;
  const int64_t kd = g.kernel[0], kh = g.kernel[1], kw = g.kernel[2];
  const int64_t sd = g.strides[0], sh = g.strides[1], sw = g.strides[2];
  const int64_t pd = g.pad_l[0], ph = g.pad_l[1], pw = g.pad_l[2];
  const int64_t h = r % g.ih, d = (r / g.ih) % g.id, n = r / (g.ih * g.id);
  const int64_t od0 = first_output(d, kd, sd, pd), od1 = last_output(d, sd, pd, g.od);
  const int64_t oh0 = first_output(h, kh, sh, ph), oh1 = last_output(h, sh, ph, g.oh);
  for (int64_t w = 0; w < g.iw; w++) {
    float* out = dx + (r * g.iw + w) * c;
    std::memset(out, 0, static_cast<size_t>(c) * sizeof(float));
    const int64_t ow0 = first_output(w, kw, sw, pw), ow1 = last_output(w, sw, pw, g.ow);
    for (int64_t od = od0; od <= od1; od++) {
      for (int64_t oh = oh0; oh <= oh1; oh++) {
        for (int64_t ow = ow0; ow <= ow1; ow++) {
          const float k = static_cast<float>(
              ((d - od * sd + pd) * kh + (h - oh * sh + ph)) * kw + (w - ow * sw + pw));
          const int64_t o = ((n * g.od + od) * g.oh + oh) * g.ow + ow;
          add_where(out, argmax + o * c, dy + o * c, k, c);
        }
      }
    }
  }
}

/**
 * Max pooling's gradient at memory speed, in two race-free passes: the window position of
 * each output's maximum (the last maximum in window order, as tfjs-backend-cpu; NaN never
 * wins; −1 when nothing does) into a workspace, then, for every input position, the sum of
 * the gradients of the outputs whose maximum it is. Positions are stored as floats (exact
 * below 2²⁴) so that both passes vectorise over channels.
 */
void max_pool_backward(const PoolGeometry& g, const float* dy, const float* x, float* dx) {
  const int64_t window = g.kernel[0] * g.kernel[1] * g.kernel[2];
  const int64_t out_rows = g.n * g.od * g.oh;
  float* argmax = static_cast<float*>(
      buffer(kTemp0, static_cast<size_t>(out_rows * g.ow * g.c) * sizeof(float)));
  parallel_chunks(out_rows, min_rows(g.ow * g.c * window), [&](int64_t r0, int64_t r1) {
    std::vector<float> top(g.c);
    for (int64_t r = r0; r < r1; r++) argmax_row(g, x, argmax, top.data(), r);
  });
  parallel_chunks(g.n * g.id * g.ih, min_rows(g.iw * g.c * 8), [&](int64_t r0, int64_t r1) {
    for (int64_t r = r0; r < r1; r++) gather_row(g, dy, argmax, dx, r);
  });
}

std::string checked_kind(const Napi::CallbackInfo& info, size_t index) {
  std::string kind = string_arg(info, index, "kind");
  if (kind != "max" && kind != "avg") type_error(info.Env(), "kind must be 'max' or 'avg'");
  return kind;
}

}  // namespace

/** pool3dForward(kind, x, y, geometry). */
Napi::Value Pool3dForward(const Napi::CallbackInfo& info) {
  std::string kind = checked_kind(info, 0);
  PoolGeometry g = read_geometry(info, 3);
  float* x = f32_arg(info, 1, g.n * g.c * g.id * g.ih * g.iw, "x");
  float* y = f32_arg(info, 2, g.n * g.c * g.od * g.oh * g.ow, "y");
  return guarded(info, "pool3d", [&] {
    auto e = cached<Forward>("pool_fwd:" + kind + ":" + g.key, [&] {
      auto r = std::make_shared<Forward>();
      r->pd = forward_pd(g, algorithm_of(kind, false), dnnl::prop_kind::forward_inference);
      r->prim = dnnl::pooling_forward(r->pd);
      return r;
    });
    memory src(src_md(g), engine(), x);
    memory dst(dst_md(g), engine(), y);
    memory scratch = scratchpad_memory(e->pd);
    e->prim.execute(stream(),
                    {{DNNL_ARG_SRC, src}, {DNNL_ARG_DST, dst}, {DNNL_ARG_SCRATCHPAD, scratch}});
    stream().wait();
  });
}

/**
 * pool3dBackward(kind, dy, x, dx, geometry). For max pooling the argmax
 * workspace is recomputed from x (tfjs passes the input, not a workspace).
 */
Napi::Value Pool3dBackward(const Napi::CallbackInfo& info) {
  std::string kind = checked_kind(info, 0);
  PoolGeometry g = read_geometry(info, 4);
  float* dy = f32_arg(info, 1, g.n * g.c * g.od * g.oh * g.ow, "dy");
  float* x = kind == "max" ? f32_arg(info, 2, g.n * g.c * g.id * g.ih * g.iw, "x") : nullptr;
  float* dx = f32_arg(info, 3, g.n * g.c * g.id * g.ih * g.iw, "dx");
  return guarded(info, "pool3dGrad", [&] {
    if (kind == "max") {
      max_pool_backward(g, dy, x, dx);
      return;
    }
    auto e = cached<Backward>("pool_bwd:" + kind + ":" + g.key, [&] {
      auto r = std::make_shared<Backward>();
      r->max = kind == "max";
      r->fwd_pd = forward_pd(g, algorithm_of(kind, true), dnnl::prop_kind::forward_training);
      if (r->max) r->fwd = dnnl::pooling_forward(r->fwd_pd);
      dnnl::pooling_backward::desc d(algorithm_of(kind, true), src_md(g), dst_md(g), g.strides,
                                     g.kernel, g.pad_l, g.pad_r);
      r->pd = dnnl::pooling_backward::primitive_desc(d, default_attr(), engine(), r->fwd_pd);
      r->prim = dnnl::pooling_backward(r->pd);
      return r;
    });
    memory diff_dst(dst_md(g), engine(), dy);
    memory diff_src(src_md(g), engine(), dx);
    if (e->max) {
      memory src(src_md(g), engine(), x);
      memory::desc ws_md = e->fwd_pd.workspace_desc();
      memory::desc y_md = dst_md(g);
      memory workspace(ws_md, engine(), buffer(kTemp0, ws_md.get_size()));
      memory y(y_md, engine(), buffer(kTemp1, y_md.get_size()));
      memory fwd_scratch(e->fwd_pd.scratchpad_desc(), engine(),
                         buffer(kTemp2, e->fwd_pd.scratchpad_desc().get_size()));
      e->fwd.execute(stream(), {{DNNL_ARG_SRC, src},
                                {DNNL_ARG_DST, y},
                                {DNNL_ARG_WORKSPACE, workspace},
                                {DNNL_ARG_SCRATCHPAD, fwd_scratch}});
      memory scratch = scratchpad_memory(e->pd);
      e->prim.execute(stream(), {{DNNL_ARG_DIFF_DST, diff_dst},
                                 {DNNL_ARG_DIFF_SRC, diff_src},
                                 {DNNL_ARG_WORKSPACE, workspace},
                                 {DNNL_ARG_SCRATCHPAD, scratch}});
    } else {
      memory scratch = scratchpad_memory(e->pd);
      e->prim.execute(stream(), {{DNNL_ARG_DIFF_DST, diff_dst},
                                 {DNNL_ARG_DIFF_SRC, diff_src},
                                 {DNNL_ARG_SCRATCHPAD, scratch}});
    }
    stream().wait();
  });
}

}  // namespace ctf
