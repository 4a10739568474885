#pragma once
#include <cstdint>

namespace ctf {
/**
 * c[m, n] = op(a)·op(b) on oneDNN's matmul (row-major; with transpose_a, a is stored [k, m];
 * with transpose_b, b is stored [n, k]). The primitive is cached by shape.
 */
void matmul_f32(const float* a, const float* b, float* c, int64_t m, int64_t k, int64_t n,
                bool transpose_a, bool transpose_b);
}  // namespace ctf
