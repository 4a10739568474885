// Conv3D forward and both backward passes on oneDNN.
//
// Activations are tfjs's NDHWC (oneDNN "ndhwc"), filters tfjs's
// [kd, kh, kw, in, out] (oneDNN "dhwio"). The primitives choose their own
// weight layout ("any"); the weights are reordered per call (they are small
// and change every training step), with the reorder primitive cached.
#include <cstdlib>
#include <cstring>
#include <functional>
#include <string>

#include "args.h"
#include "context.h"
#include "errors.h"
#include "functions.h"
#include "matmul.h"
#include "parallel.h"

namespace ctf {
namespace {

using dnnl::memory;
using tag = memory::format_tag;
using dt = memory::data_type;

struct Geometry {
  int64_t n, ic, id, ih, iw, oc, kd, kh, kw, od, oh, ow;
  memory::dims strides, pad_l, pad_r, dilates;
  std::string key;
  // Negative padding (tfjs pads 'same' by −1 when the stride exceeds the filter, and an
  // exact valid convolution leaves the last inputs unread) sends oneDNN to its slow
  // reference kernels, so such inputs are cropped first: id/ih/iw above are the cropped
  // sizes, full_* the tensor's, begin the first position kept.
  bool cropped = false;
  int64_t full_d = 0, full_h = 0, full_w = 0;
  int64_t begin[3] = {0, 0, 0};
  int64_t full_size() const { return n * full_d * full_h * full_w * ic; }
};

/**
 * The convolution geometry object (src/addon/addon-types.ts `ConvGeometry`), read field by
 * field: batch, inChannels, outChannels, input / output / filter sizes, strides, padBefore,
 * padAfter, dilations (each [depth, height, width]).
 */
Geometry read_geometry(const Napi::CallbackInfo& info, size_t index) {
  Options o(info, index, "convolution geometry");
  Geometry r;
  r.n = o.positive("batch");
  r.ic = o.positive("inChannels");
  r.oc = o.positive("outChannels");
  std::vector<int64_t> input = o.triple("input", true);
  std::vector<int64_t> filter = o.triple("filter", true);
  std::vector<int64_t> output = o.triple("output", true);
  std::vector<int64_t> dilations = o.triple("dilations", true);
  r.id = input[0];
  r.ih = input[1];
  r.iw = input[2];
  r.kd = filter[0];
  r.kh = filter[1];
  r.kw = filter[2];
  r.od = output[0];
  r.oh = output[1];
  r.ow = output[2];
  r.strides = o.triple("strides", true);
  r.pad_l = o.triple("padBefore");
  r.pad_r = o.triple("padAfter");
  r.dilates = {dilations[0] - 1, dilations[1] - 1, dilations[2] - 1};
  std::vector<int64_t> key = {r.n,  r.ic, r.id, r.ih, r.iw, r.oc,
                              r.kd, r.kh, r.kw, r.od, r.oh, r.ow};
  for (const std::vector<int64_t>* part : {&r.strides, &r.pad_l, &r.pad_r, &dilations}) {
    key.insert(key.end(), part->begin(), part->end());
  }
  r.key = join(key);
  r.full_d = r.id;
  r.full_h = r.ih;
  r.full_w = r.iw;
  int64_t* sizes[3] = {&r.id, &r.ih, &r.iw};
  for (int k = 0; k < 3; k++) {
    if (r.pad_l[k] < 0) {
      r.begin[k] = -r.pad_l[k];
      *sizes[k] -= r.begin[k];
      r.pad_l[k] = 0;
      r.cropped = true;
    }
    if (r.pad_r[k] < 0) {
      *sizes[k] += r.pad_r[k];
      r.pad_r[k] = 0;
      r.cropped = true;
    }
    if (*sizes[k] <= 0) type_error(info.Env(), "convolution reads no input along an axis");
  }
  return r;
}

/**
 * A 1³ convolution with stride 1 and no padding or cropping is a matrix product over the
 * positions: [positions, in] · [in, out]. Its gradients run faster as oneDNN matmuls than as
 * convolution backward primitives (DenseNet121's bottlenecks, one thread: 103 → 151 GFLOP/s
 * for the filter gradient, 170 → 201 for the input gradient).
 */
bool pointwise(const Geometry& g) {
  return g.kd == 1 && g.kh == 1 && g.kw == 1 && !g.cropped && g.od == g.id && g.oh == g.ih &&
         g.ow == g.iw && g.strides == memory::dims{1, 1, 1} && g.pad_l == memory::dims{0, 0, 0} &&
         g.pad_r == memory::dims{0, 0, 0};
}

/**
 * Which convolutions skip oneDNN's convolution primitives for plain matrix products (see
 * SetConvPaths): output positions per sample up to which a stride-1 convolution with a
 * filter larger than 1³ runs as one matmul over its patches (im2col, col2im for the input
 * gradient), and up to which a 1³ convolution's forward pass runs as a matmul (its gradients
 * always do). On tiny volumes (DenseNet121's last block: 2³ at a 64³ input) the primitives
 * spend most of their time on weight reorders and partial tiles (3³ at 2³, 128 → 32, batch 2,
 * bench/conv-geometries.mjs: 47 / 83 / 109 µs forward / input / filter gradient against 38 /
 * 30 / 32 µs as matmuls); at 4³ they are as fast or faster inside a training step
 * (bench/conv-breakdown.mjs). Defaults: patches up to 8 positions (2³), 1³ forward matmuls up to
 * 64 (4³). The environment variables CTF_ONEDNN_PATCH_POSITIONS and
 * CTF_ONEDNN_POINTWISE_POSITIONS set the initial values.
 */
struct ConvPaths {
  int64_t patch_positions;
  int64_t pointwise_positions;
};

ConvPaths& conv_paths() {
  static ConvPaths paths = [] {
    auto read = [](const char* name, int64_t fallback) {
      const char* v = std::getenv(name);
      return v != nullptr && *v != '\0' ? std::strtoll(v, nullptr, 10) : fallback;
    };
    return ConvPaths{read("CTF_ONEDNN_PATCH_POSITIONS", 8),
                     read("CTF_ONEDNN_POINTWISE_POSITIONS", 64)};
  }();
  return paths;
}

int64_t patch_max_positions() { return conv_paths().patch_positions; }
int64_t pointwise_forward_max_positions() { return conv_paths().pointwise_positions; }

/** Whether {@link patch_max_positions}'s matrix-product path applies to `g`. */
bool by_patches(const Geometry& g) {
  return !g.cropped && g.strides == memory::dims{1, 1, 1} &&
         g.dilates == memory::dims{0, 0, 0} && g.kd * g.kh * g.kw > 1 &&
         g.od * g.oh * g.ow <= patch_max_positions();
}

/** Rows (output positions) and columns (taps × input channels) of `g`'s patch matrix. */
int64_t patch_rows(const Geometry& g) { return g.n * g.od * g.oh * g.ow; }
int64_t patch_cols(const Geometry& g) { return g.kd * g.kh * g.kw * g.ic; }

/**
 * The patch matrix of x: row (n, z, y, x) holds, tap by tap in the filter's [kd, kh, kw]
 * order, the ic input values the tap reads (zeros in the padding).
 */
float* patches_of(const Geometry& g, const float* x) {
  const int64_t rows = patch_rows(g), cols = patch_cols(g);
  float* col = static_cast<float*>(buffer(kTemp0, rows * cols * sizeof(float)));
  parallel_chunks(rows, min_rows(cols), [&](int64_t begin, int64_t end) {
    for (int64_t r = begin; r < end; r++) {
      const int64_t ox = r % g.ow, oy = (r / g.ow) % g.oh, oz = (r / (g.ow * g.oh)) % g.od;
      const int64_t n = r / (g.ow * g.oh * g.od);
      float* out = col + r * cols;
      for (int64_t a = 0; a < g.kd; a++) {
        const int64_t z = oz + a - g.pad_l[0];
        for (int64_t b = 0; b < g.kh; b++) {
          const int64_t y = oy + b - g.pad_l[1];
          for (int64_t c = 0; c < g.kw; c++, out += g.ic) {
            const int64_t xx = ox + c - g.pad_l[2];
            if (z < 0 || z >= g.id || y < 0 || y >= g.ih || xx < 0 || xx >= g.iw) {
              std::memset(out, 0, g.ic * sizeof(float));
            } else {
              std::memcpy(out, x + (((n * g.id + z) * g.ih + y) * g.iw + xx) * g.ic,
                          g.ic * sizeof(float));
            }
          }
        }
      }
    }
  });
  return col;
}

/**
 * dx from the patch matrix's gradient: each input value sums, tap by tap in a fixed order,
 * the entries of the patches that read it (a gather, so deterministic in any thread count).
 */
void scatter_patches(const Geometry& g, const float* dcol, float* dx) {
  const int64_t cols = patch_cols(g);
  const int64_t inputs = g.n * g.id * g.ih * g.iw;
  parallel_chunks(inputs, min_rows(g.ic * g.kd * g.kh * g.kw), [&](int64_t begin, int64_t end) {
    for (int64_t q = begin; q < end; q++) {
      const int64_t ix = q % g.iw, iy = (q / g.iw) % g.ih, iz = (q / (g.iw * g.ih)) % g.id;
      const int64_t n = q / (g.iw * g.ih * g.id);
      float* out = dx + q * g.ic;
      std::memset(out, 0, g.ic * sizeof(float));
      for (int64_t a = 0; a < g.kd; a++) {
        const int64_t z = iz - a + g.pad_l[0];
        if (z < 0 || z >= g.od) continue;
        for (int64_t b = 0; b < g.kh; b++) {
          const int64_t y = iy - b + g.pad_l[1];
          if (y < 0 || y >= g.oh) continue;
          for (int64_t c = 0; c < g.kw; c++) {
            const int64_t xx = ix - c + g.pad_l[2];
            if (xx < 0 || xx >= g.ow) continue;
            const int64_t row = ((n * g.od + z) * g.oh + y) * g.ow + xx;
            const float* src = dcol + row * cols + ((a * g.kh + b) * g.kw + c) * g.ic;
            for (int64_t i = 0; i < g.ic; i++) out[i] += src[i];
          }
        }
      }
    }
  });
}

/** Calls row(n, d, h) for every (sample, depth, row) of the cropped input, in parallel. */
template <class F>
void for_cropped_rows(const Geometry& g, F row) {
  parallel_chunks(g.n * g.id * g.ih, min_rows(g.iw * g.ic), [&](int64_t begin, int64_t end) {
    for (int64_t r = begin; r < end; r++) {
      int64_t h = r % g.ih;
      int64_t d = (r / g.ih) % g.id;
      int64_t n = r / (g.ih * g.id);
      row(n, d, h, r);
    }
  });
}

/** Copies the kept part of a full NDHWC input into a dense cropped buffer. */
float* crop_input(const Geometry& g, const float* full) {
  float* out = static_cast<float*>(buffer(kTemp2, g.n * g.id * g.ih * g.iw * g.ic * sizeof(float)));
  const int64_t run = g.iw * g.ic;
  for_cropped_rows(g, [&](int64_t n, int64_t d, int64_t h, int64_t r) {
    const float* src = full + (((n * g.full_d + d + g.begin[0]) * g.full_h + h + g.begin[1]) * g.full_w +
                               g.begin[2]) * g.ic;
    std::memcpy(out + r * run, src, run * sizeof(float));
  });
  return out;
}

/** Writes a cropped input gradient into the full one (zeros where nothing was read). */
void uncrop_gradient(const Geometry& g, const float* cropped, float* full) {
  std::memset(full, 0, g.full_size() * sizeof(float));
  const int64_t run = g.iw * g.ic;
  for_cropped_rows(g, [&](int64_t n, int64_t d, int64_t h, int64_t r) {
    float* dst = full + (((n * g.full_d + d + g.begin[0]) * g.full_h + h + g.begin[1]) * g.full_w +
                         g.begin[2]) * g.ic;
    std::memcpy(dst, cropped + r * run, run * sizeof(float));
  });
}

/** Activation layout: channels-last, or oneDNN's choice when asked for by env. */
bool activations_any() {
  static const bool any = [] {
    const char* v = std::getenv("CTF_ONEDNN_ACTIVATIONS");
    return v != nullptr && std::strcmp(v, "any") == 0;
  }();
  return any;
}

// Always "ndhwc", also with one channel (where "ncdhw" is the same bytes): oneDNN 2.6 has
// fast kernels only when source and destination share the channels-last layout.
memory::desc user_src(const Geometry& g) {
  return memory::desc({g.n, g.ic, g.id, g.ih, g.iw}, dt::f32, tag::ndhwc);
}
memory::desc user_dst(const Geometry& g) {
  return memory::desc({g.n, g.oc, g.od, g.oh, g.ow}, dt::f32, tag::ndhwc);
}
memory::desc user_weights(const Geometry& g) {
  return memory::desc({g.oc, g.ic, g.kd, g.kh, g.kw}, dt::f32, tag::dhwio);
}
memory::desc prim_src(const Geometry& g) {
  return activations_any() ? memory::desc({g.n, g.ic, g.id, g.ih, g.iw}, dt::f32, tag::any)
                           : user_src(g);
}
memory::desc prim_dst(const Geometry& g) {
  return activations_any() ? memory::desc({g.n, g.oc, g.od, g.oh, g.ow}, dt::f32, tag::any)
                           : user_dst(g);
}
memory::desc any_weights(const Geometry& g) {
  return memory::desc({g.oc, g.ic, g.kd, g.kh, g.kw}, dt::f32, tag::any);
}

dnnl::convolution_forward::primitive_desc forward_pd(const Geometry& g, dnnl::prop_kind prop) {
  dnnl::convolution_forward::desc d(prop, dnnl::algorithm::convolution_direct, prim_src(g),
                                    any_weights(g), prim_dst(g), g.strides, g.dilates, g.pad_l,
                                    g.pad_r);
  return dnnl::convolution_forward::primitive_desc(d, default_attr(), engine());
}

/** A reorder between two layouts, or nothing when they are equal. */
struct Reorder {
  bool needed = false;
  memory::desc from, to;
  dnnl::reorder prim;
  void init(const memory::desc& a, const memory::desc& b) {
    from = a;
    to = b;
    needed = a != b;
    if (needed) prim = dnnl::reorder(dnnl::reorder::primitive_desc(engine(), a, engine(), b));
  }
  /** Runs the reorder into `slot` (or returns `src` unchanged). */
  memory run(const memory& src, Slot slot) const {
    if (!needed) return src;
    memory dst(to, engine(), buffer(slot, to.get_size()));
    prim.execute(stream(), const_cast<memory&>(src), dst);
    return dst;
  }
  void run_into(const memory& src, const memory& dst) const {
    prim.execute(stream(), const_cast<memory&>(src), const_cast<memory&>(dst));
  }
};

struct Forward : Cached {
  dnnl::convolution_forward::primitive_desc pd;
  dnnl::convolution_forward prim;
  Reorder weights, src, dst;
};

struct BackwardData : Cached {
  dnnl::convolution_backward_data::primitive_desc pd;
  dnnl::convolution_backward_data prim;
  Reorder weights, diff_dst, diff_src;
};

struct BackwardWeights : Cached {
  dnnl::convolution_backward_weights::primitive_desc pd;
  dnnl::convolution_backward_weights prim;
  Reorder src, diff_dst, diff_weights;
};

/** y = conv(x, w) for an uncropped geometry (x dense [n, id, ih, iw, ic]). */
void run_forward(const Geometry& g, const float* x, const float* w, float* y) {
  auto e = cached<Forward>("conv_fwd:" + g.key, [&] {
    auto r = std::make_shared<Forward>();
    r->pd = forward_pd(g, dnnl::prop_kind::forward_training);
    r->prim = dnnl::convolution_forward(r->pd);
    r->weights.init(user_weights(g), r->pd.weights_desc());
    r->src.init(user_src(g), r->pd.src_desc());
    r->dst.init(r->pd.dst_desc(), user_dst(g));
    return r;
  });
  memory user_x(user_src(g), engine(), const_cast<float*>(x));
  memory user_w(user_weights(g), engine(), const_cast<float*>(w));
  memory user_y(user_dst(g), engine(), y);
  memory src = e->src.run(user_x, kTemp0);
  memory weights = e->weights.run(user_w, kWeights);
  memory dst = e->dst.needed ? memory(e->pd.dst_desc(), engine(),
                                      buffer(kTemp1, e->pd.dst_desc().get_size()))
                             : user_y;
  memory scratch = scratchpad_memory(e->pd);
  e->prim.execute(stream(), {{DNNL_ARG_SRC, src},
                             {DNNL_ARG_WEIGHTS, weights},
                             {DNNL_ARG_DST, dst},
                             {DNNL_ARG_SCRATCHPAD, scratch}});
  if (e->dst.needed) e->dst.run_into(dst, user_y);
  stream().wait();
}

}  // namespace

Napi::Value Conv3dForward(const Napi::CallbackInfo& info) {
  Geometry g = read_geometry(info, 3);
  float* x = f32_arg(info, 0, g.full_size(), "x");
  float* w = f32_arg(info, 1, g.oc * g.ic * g.kd * g.kh * g.kw, "filter");
  float* y = f32_arg(info, 2, g.n * g.oc * g.od * g.oh * g.ow, "y");
  return guarded(info, "conv3d", [&] {
    if (pointwise(g) && g.od * g.oh * g.ow <= pointwise_forward_max_positions()) {
      // y[positions, out] = x[positions, in] · filter[in, out].
      matmul_f32(x, w, y, g.n * g.id * g.ih * g.iw, g.ic, g.oc, false, false);
      return;
    }
    if (by_patches(g)) {
      // y[positions, out] = patches[positions, taps·in] · filter[taps·in, out].
      matmul_f32(patches_of(g, x), w, y, patch_rows(g), patch_cols(g), g.oc, false, false);
      return;
    }
    if (g.cropped) x = crop_input(g, x);
    run_forward(g, x, w, y);
  });
}

namespace {

/**
 * The input gradient of a stride-1 convolution is a forward convolution of dy with the
 * filter flipped in space and its in/out channels swapped, padded by k − 1 − p on each side:
 * run that way it uses oneDNN's faster forward kernels (DenseNet121's 3³ growth convolutions,
 * one thread: 193 → 250 GFLOP/s at 32³). Returns false where that does not apply (strides,
 * dilation, cropping, padding beyond k − 1).
 */
bool backward_data_as_forward(const Geometry& g, const float* dy, const float* w, float* dx) {
  if (g.cropped || g.strides != memory::dims{1, 1, 1} || g.dilates != memory::dims{0, 0, 0}) {
    return false;
  }
  const int64_t k[3] = {g.kd, g.kh, g.kw};
  Geometry f = g;
  for (int a = 0; a < 3; a++) {
    f.pad_l[a] = k[a] - 1 - g.pad_l[a];
    f.pad_r[a] = k[a] - 1 - g.pad_r[a];
    if (f.pad_l[a] < 0 || f.pad_r[a] < 0) return false;
  }
  f.ic = g.oc;
  f.oc = g.ic;
  f.id = g.od;
  f.ih = g.oh;
  f.iw = g.ow;
  f.od = g.id;
  f.oh = g.ih;
  f.ow = g.iw;
  f.full_d = f.id;
  f.full_h = f.ih;
  f.full_w = f.iw;
  f.key = "flipped:" + g.key;
  // w is [kd, kh, kw, ic, oc]; the flipped filter is [kd, kh, kw, oc, ic], reversed in space.
  const int64_t taps = g.kd * g.kh * g.kw;
  float* flipped = static_cast<float*>(buffer(kTemp3, taps * g.ic * g.oc * sizeof(float)));
  for (int64_t t = 0; t < taps; t++) {
    const float* src = w + (taps - 1 - t) * g.ic * g.oc;
    float* dst = flipped + t * g.ic * g.oc;
    for (int64_t i = 0; i < g.ic; i++) {
      for (int64_t o = 0; o < g.oc; o++) dst[o * g.ic + i] = src[i * g.oc + o];
    }
  }
  run_forward(f, dy, flipped, dx);
  return true;
}

}  // namespace

Napi::Value Conv3dBackwardData(const Napi::CallbackInfo& info) {
  Geometry g = read_geometry(info, 3);
  float* dy = f32_arg(info, 0, g.n * g.oc * g.od * g.oh * g.ow, "dy");
  float* w = f32_arg(info, 1, g.oc * g.ic * g.kd * g.kh * g.kw, "filter");
  float* dx_full = f32_arg(info, 2, g.full_size(), "dx");
  return guarded(info, "conv3dBackpropInput", [&] {
    if (pointwise(g)) {
      // dx[positions, in] = dy[positions, out] · filterᵀ (filter stored [in, out]).
      matmul_f32(dy, w, dx_full, g.n * g.id * g.ih * g.iw, g.oc, g.ic, false, true);
      return;
    }
    if (by_patches(g)) {
      // d patches[positions, taps·in] = dy[positions, out] · filterᵀ, then gathered into dx.
      float* dcol =
          static_cast<float*>(buffer(kTemp1, patch_rows(g) * patch_cols(g) * sizeof(float)));
      matmul_f32(dy, w, dcol, patch_rows(g), g.oc, patch_cols(g), false, true);
      scatter_patches(g, dcol, dx_full);
      return;
    }
    if (backward_data_as_forward(g, dy, w, dx_full)) return;
    float* dx = g.cropped ? static_cast<float*>(buffer(kTemp2, g.n * g.id * g.ih * g.iw * g.ic *
                                                                   sizeof(float)))
                          : dx_full;
    auto e = cached<BackwardData>("conv_bwd_data:" + g.key, [&] {
      auto r = std::make_shared<BackwardData>();
      auto hint = forward_pd(g, dnnl::prop_kind::forward_training);
      dnnl::convolution_backward_data::desc d(dnnl::algorithm::convolution_direct, prim_src(g),
                                              any_weights(g), prim_dst(g), g.strides, g.dilates,
                                              g.pad_l, g.pad_r);
      r->pd = dnnl::convolution_backward_data::primitive_desc(d, default_attr(), engine(), hint);
      r->prim = dnnl::convolution_backward_data(r->pd);
      r->weights.init(user_weights(g), r->pd.weights_desc());
      r->diff_dst.init(user_dst(g), r->pd.diff_dst_desc());
      r->diff_src.init(r->pd.diff_src_desc(), user_src(g));
      return r;
    });
    memory user_dy(user_dst(g), engine(), dy);
    memory user_w(user_weights(g), engine(), w);
    memory user_dx(user_src(g), engine(), dx);
    memory diff_dst = e->diff_dst.run(user_dy, kTemp0);
    memory weights = e->weights.run(user_w, kWeights);
    memory diff_src = e->diff_src.needed
                          ? memory(e->pd.diff_src_desc(), engine(),
                                   buffer(kTemp1, e->pd.diff_src_desc().get_size()))
                          : user_dx;
    memory scratch = scratchpad_memory(e->pd);
    e->prim.execute(stream(), {{DNNL_ARG_DIFF_DST, diff_dst},
                               {DNNL_ARG_WEIGHTS, weights},
                               {DNNL_ARG_DIFF_SRC, diff_src},
                               {DNNL_ARG_SCRATCHPAD, scratch}});
    if (e->diff_src.needed) e->diff_src.run_into(diff_src, user_dx);
    stream().wait();
    if (g.cropped) uncrop_gradient(g, dx, dx_full);
  });
}

Napi::Value Conv3dBackwardWeights(const Napi::CallbackInfo& info) {
  Geometry g = read_geometry(info, 3);
  float* x = f32_arg(info, 0, g.full_size(), "x");
  float* dy = f32_arg(info, 1, g.n * g.oc * g.od * g.oh * g.ow, "dy");
  float* dw = f32_arg(info, 2, g.oc * g.ic * g.kd * g.kh * g.kw, "dw");
  return guarded(info, "conv3dBackpropFilter", [&] {
    if (pointwise(g)) {
      // dw[in, out] = xᵀ[in, positions] · dy[positions, out].
      matmul_f32(x, dy, dw, g.ic, g.n * g.id * g.ih * g.iw, g.oc, true, false);
      return;
    }
    if (by_patches(g)) {
      // dw[taps·in, out] = patchesᵀ · dy[positions, out].
      matmul_f32(patches_of(g, x), dy, dw, patch_cols(g), patch_rows(g), g.oc, true, false);
      return;
    }
    if (g.cropped) x = crop_input(g, x);
    auto e = cached<BackwardWeights>("conv_bwd_weights:" + g.key, [&] {
      auto r = std::make_shared<BackwardWeights>();
      auto hint = forward_pd(g, dnnl::prop_kind::forward_training);
      dnnl::convolution_backward_weights::desc d(dnnl::algorithm::convolution_direct,
                                                 prim_src(g), any_weights(g), prim_dst(g),
                                                 g.strides, g.dilates, g.pad_l, g.pad_r);
      r->pd =
          dnnl::convolution_backward_weights::primitive_desc(d, default_attr(), engine(), hint);
      r->prim = dnnl::convolution_backward_weights(r->pd);
      r->src.init(user_src(g), r->pd.src_desc());
      r->diff_dst.init(user_dst(g), r->pd.diff_dst_desc());
      r->diff_weights.init(r->pd.diff_weights_desc(), user_weights(g));
      return r;
    });
    memory user_x(user_src(g), engine(), x);
    memory user_dy(user_dst(g), engine(), dy);
    memory user_dw(user_weights(g), engine(), dw);
    memory src = e->src.run(user_x, kTemp0);
    memory diff_dst = e->diff_dst.run(user_dy, kTemp1);
    memory diff_weights =
        e->diff_weights.needed
            ? memory(e->pd.diff_weights_desc(), engine(),
                     buffer(kWeights, e->pd.diff_weights_desc().get_size()))
            : user_dw;
    memory scratch = scratchpad_memory(e->pd);
    e->prim.execute(stream(), {{DNNL_ARG_SRC, src},
                               {DNNL_ARG_DIFF_DST, diff_dst},
                               {DNNL_ARG_DIFF_WEIGHTS, diff_weights},
                               {DNNL_ARG_SCRATCHPAD, scratch}});
    if (e->diff_weights.needed) e->diff_weights.run_into(diff_weights, user_dw);
    stream().wait();
  });
}

Napi::Value SetConvPaths(const Napi::CallbackInfo& info) {
  ConvPaths& paths = conv_paths();
  if (info.Length() > 0 && !info[0].IsUndefined()) {
    Options o(info, 0, "setConvPaths");
    if (o.has("patchPositions")) paths.patch_positions = o.integer("patchPositions");
    if (o.has("pointwisePositions")) paths.pointwise_positions = o.integer("pointwisePositions");
  }
  Napi::Object out = Napi::Object::New(info.Env());
  out.Set("patchPositions", static_cast<double>(paths.patch_positions));
  out.Set("pointwisePositions", static_cast<double>(paths.pointwise_positions));
  return out;
}

Napi::Value ConvImplementations(const Napi::CallbackInfo& info) {
  Geometry g = read_geometry(info, 0);
  Napi::Object out = Napi::Object::New(info.Env());
  guarded(info, "conv3d", [&] {
    auto fwd = forward_pd(g, dnnl::prop_kind::forward_training);
    out.Set("forward", fwd.impl_info_str());
    dnnl::convolution_backward_data::desc dd(dnnl::algorithm::convolution_direct, prim_src(g),
                                             any_weights(g), prim_dst(g), g.strides, g.dilates,
                                             g.pad_l, g.pad_r);
    dnnl::convolution_backward_data::primitive_desc bd(dd, default_attr(), engine(), fwd);
    out.Set("backwardData", bd.impl_info_str());
    dnnl::convolution_backward_weights::desc dw(dnnl::algorithm::convolution_direct, prim_src(g),
                                                any_weights(g), prim_dst(g), g.strides,
                                                g.dilates, g.pad_l, g.pad_r);
    dnnl::convolution_backward_weights::primitive_desc bw(dw, default_attr(), engine(), fwd);
    out.Set("backwardWeights", bw.impl_info_str());
  });
  return out;
}

}  // namespace ctf
