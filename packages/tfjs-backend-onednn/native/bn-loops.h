// The per-row loops of the batch-normalisation kernels (bn-loops.cc), one channel piece of
// rows [r0, r1) at a time. `x` is [rows, w]; `y`/`dy` are [rows, ld] read at their column
// offset already applied. Every loop keeps each channel's own order of operations, so the
// row blocking and the SIMD width do not change any result.
#pragma once
#include <cstdint>

namespace ctf {

/** u += x − shift, uv += (x − shift)² per channel. */
void moments_rows(const float* x, int64_t w, int64_t r0, int64_t r1, const float* shift,
                  float* u, float* uv);

/** y = x·mul + add, or max(0, that) with `relu`. */
void normalise_rows(const float* x, int64_t w, float* y, int64_t ld, int64_t r0, int64_t r1,
                    const float* mul, const float* add, bool relu);

/**
 * g = dy (masked by step(x·mul + add) with `relu`); u += g, uv += g·(x − mean).
 */
void gradient_sums_rows(const float* dy, int64_t ld, const float* x, int64_t w, int64_t r0,
                        int64_t r1, const float* mul, const float* add, const float* mean,
                        bool relu, float* u, float* uv);

/** dx = [acc +] k1·g + k2·(x − mean) + k3, g as in gradient_sums_rows (acc may be null). */
void gradient_rows(const float* dy, int64_t ld, const float* x, int64_t w, int64_t r0,
                   int64_t r1, const float* mul, const float* add, const float* mean,
                   const float* k1, const float* k2, const float* k3, bool relu,
                   const float* acc, float* dx);

}  // namespace ctf
