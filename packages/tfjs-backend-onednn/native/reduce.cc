// Sum/mean over a contiguous block of axes: x viewed as [outer, reduce, inner],
// out[o, i] = scale · Σ_r x[o, r, i] (global average pooling and its kin).
#include <vector>

#include "args.h"
#include "errors.h"
#include "functions.h"
#include "parallel.h"

namespace ctf {
/** reduceSum(x, outer, reduce, inner, scale, out). */
Napi::Value ReduceSum(const Napi::CallbackInfo& info) {
  int64_t outer = int_arg(info, 1, "outer");
  int64_t reduce = int_arg(info, 2, "reduce");
  int64_t inner = int_arg(info, 3, "inner");
  if (outer < 1 || reduce < 0 || inner < 1) type_error(info.Env(), "reduceSum: invalid sizes");
  double scale = number_arg(info, 4, "scale");
  const float* x = f32_arg(info, 0, outer * reduce * inner, "x");
  float* out = f32_arg(info, 5, outer * inner, "out");
  return guarded(info, "reduceSum", [&] {
    if (inner == 1) {
      parallel_chunks(outer, min_rows(reduce), [&](int64_t o0, int64_t o1) {
        for (int64_t o = o0; o < o1; o++) {
          const float* row = x + o * reduce;
          double total = 0;
          for (int64_t r = 0; r < reduce; r++) total += row[r];
          out[o] = static_cast<float>(total * scale);
        }
      });
      return;
    }
    // Parallel over (outer, inner-block) pairs; double accumulators per lane.
    constexpr int64_t kBlock = 256;
    int64_t blocks = (inner + kBlock - 1) / kBlock;
    parallel_chunks(outer * blocks, min_rows(reduce * kBlock), [&](int64_t t0, int64_t t1) {
      std::vector<double> acc(kBlock);
      for (int64_t t = t0; t < t1; t++) {
        int64_t o = t / blocks;
        int64_t i0 = (t % blocks) * kBlock;
        int64_t i1 = i0 + kBlock < inner ? i0 + kBlock : inner;
        for (int64_t i = i0; i < i1; i++) acc[i - i0] = 0;
        const float* base = x + o * reduce * inner;
        for (int64_t r = 0; r < reduce; r++) {
          const float* row = base + r * inner;
          for (int64_t i = i0; i < i1; i++) acc[i - i0] += row[i];
        }
        for (int64_t i = i0; i < i1; i++) out[o * inner + i] = static_cast<float>(acc[i - i0] * scale);
      }
    });
  });
}

}  // namespace ctf
