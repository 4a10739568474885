// BatchMatMul on oneDNN's matmul primitive (row-major, optional transposes,
// batch broadcast when one side has batch 1).
#include <string>
#include <vector>

#include "args.h"
#include "context.h"
#include "errors.h"
#include "functions.h"
#include "matmul.h"

namespace ctf {
namespace {

using dnnl::memory;
using dt = memory::data_type;

struct MatMul : Cached {
  dnnl::matmul::primitive_desc pd;
  dnnl::matmul prim;
  memory::desc a, b, c;
};

}  // namespace

/**
 * batchMatMul(a, b, out, {batchA, batchB, m, k, n, transposeA, transposeB}):
 * out[batch, m, n] = op(a)[batch] · op(b)[batch], where op transposes the
 * stored [.., k, m] / [.., n, k] matrices when asked.
 */
Napi::Value BatchMatMul(const Napi::CallbackInfo& info) {
  Options o(info, 3, "batchMatMul");
  int64_t ba = o.positive("batchA"), bb = o.positive("batchB");
  int64_t m = o.positive("m"), k = o.positive("k"), n = o.positive("n");
  bool ta = o.flag("transposeA"), tb = o.flag("transposeB");
  if (ba != bb && ba != 1 && bb != 1) {
    type_error(info.Env(), "batchMatMul: batchA and batchB must be equal or 1, got " +
                               std::to_string(ba) + " and " + std::to_string(bb));
  }
  std::vector<int64_t> p = {ba, bb, m, k, n, ta ? 1 : 0, tb ? 1 : 0};
  int64_t batch = ba > bb ? ba : bb;
  const float* a = f32_arg(info, 0, ba * m * k, "a");
  const float* b = f32_arg(info, 1, bb * k * n, "b");
  float* c = f32_arg(info, 2, batch * m * n, "out");
  return guarded(info, "batchMatMul", [&] {
    auto e = cached<MatMul>("matmul:" + join(p), [&] {
      auto r = std::make_shared<MatMul>();
      r->a = memory::desc({ba, m, k}, dt::f32,
                          ta ? memory::dims{m * k, 1, m} : memory::dims{m * k, k, 1});
      r->b = memory::desc({bb, k, n}, dt::f32,
                          tb ? memory::dims{k * n, 1, k} : memory::dims{k * n, n, 1});
      r->c = memory::desc({batch, m, n}, dt::f32, memory::dims{m * n, n, 1});
      dnnl::matmul::desc d(r->a, r->b, r->c);
      r->pd = dnnl::matmul::primitive_desc(d, default_attr(), engine());
      r->prim = dnnl::matmul(r->pd);
      return r;
    });
    memory am(e->a, engine(), const_cast<float*>(a));
    memory bm(e->b, engine(), const_cast<float*>(b));
    memory cm(e->c, engine(), c);
    memory scratch = scratchpad_memory(e->pd);
    e->prim.execute(stream(), {{DNNL_ARG_SRC, am},
                               {DNNL_ARG_WEIGHTS, bm},
                               {DNNL_ARG_DST, cm},
                               {DNNL_ARG_SCRATCHPAD, scratch}});
    stream().wait();
  });
}

void matmul_f32(const float* a, const float* b, float* c, int64_t m, int64_t k, int64_t n,
                bool transpose_a, bool transpose_b) {
  std::vector<int64_t> key = {m, k, n, transpose_a ? 1 : 0, transpose_b ? 1 : 0};
  auto e = cached<MatMul>("matmul2d:" + join(key), [&] {
    auto r = std::make_shared<MatMul>();
    r->a = memory::desc({m, k}, dt::f32, transpose_a ? memory::dims{1, m} : memory::dims{k, 1});
    r->b = memory::desc({k, n}, dt::f32, transpose_b ? memory::dims{1, k} : memory::dims{n, 1});
    r->c = memory::desc({m, n}, dt::f32, memory::dims{n, 1});
    dnnl::matmul::desc d(r->a, r->b, r->c);
    r->pd = dnnl::matmul::primitive_desc(d, default_attr(), engine());
    r->prim = dnnl::matmul(r->pd);
    return r;
  });
  memory am(e->a, engine(), const_cast<float*>(a));
  memory bm(e->b, engine(), const_cast<float*>(b));
  memory cm(e->c, engine(), c);
  memory scratch = scratchpad_memory(e->pd);
  e->prim.execute(stream(), {{DNNL_ARG_SRC, am},
                             {DNNL_ARG_WEIGHTS, bm},
                             {DNNL_ARG_DST, cm},
                             {DNNL_ARG_SCRATCHPAD, scratch}});
  stream().wait();
}

}  // namespace ctf
