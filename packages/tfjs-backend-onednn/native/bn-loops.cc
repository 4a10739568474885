#include "bn-loops.h"

#include "bn-math.h"
#include "simd.h"

namespace ctf {

CTF_SIMD_CLONES
void moments_rows(const float* x, int64_t w, int64_t r0, int64_t r1, const float* shift,
                  float* u, float* uv) {
  for (int64_t r = r0; r < r1; r++) {
    const float* __restrict xr = x + r * w;
    float* __restrict su = u;
    float* __restrict suv = uv;
#pragma omp simd
    for (int64_t j = 0; j < w; j++) {
      const float v = xr[j] - shift[j];
      su[j] += v;
      suv[j] += v * v;
    }
  }
}

CTF_SIMD_CLONES
void normalise_rows(const float* x, int64_t w, float* y, int64_t ld, int64_t r0, int64_t r1,
                    const float* mul, const float* add, bool relu) {
  for (int64_t r = r0; r < r1; r++) {
    const float* __restrict xr = x + r * w;
    float* __restrict yr = y + r * ld;
    if (relu) {
#pragma omp simd
      for (int64_t j = 0; j < w; j++) {
        const float z = xr[j] * mul[j] + add[j];
        yr[j] = z < 0.f ? 0.f : z;
      }
    } else {
#pragma omp simd
      for (int64_t j = 0; j < w; j++) yr[j] = xr[j] * mul[j] + add[j];
    }
  }
}

CTF_SIMD_CLONES
void gradient_sums_rows(const float* dy, int64_t ld, const float* x, int64_t w, int64_t r0,
                        int64_t r1, const float* mul, const float* add, const float* mean,
                        bool relu, float* u, float* uv) {
  for (int64_t r = r0; r < r1; r++) {
    const float* __restrict dyr = dy + r * ld;
    const float* __restrict xr = x + r * w;
    float* __restrict su = u;
    float* __restrict suv = uv;
    if (relu) {
#pragma omp simd
      for (int64_t j = 0; j < w; j++) {
        const float g = dyr[j] * relu_derivative(xr[j] * mul[j] + add[j]);
        su[j] += g;
        suv[j] += g * (xr[j] - mean[j]);
      }
    } else {
#pragma omp simd
      for (int64_t j = 0; j < w; j++) {
        su[j] += dyr[j];
        suv[j] += dyr[j] * (xr[j] - mean[j]);
      }
    }
  }
}

CTF_SIMD_CLONES
void gradient_rows(const float* dy, int64_t ld, const float* x, int64_t w, int64_t r0,
                   int64_t r1, const float* mul, const float* add, const float* mean,
                   const float* k1, const float* k2, const float* k3, bool relu,
                   const float* acc, float* dx) {
  for (int64_t r = r0; r < r1; r++) {
    const float* __restrict dyr = dy + r * ld;
    const float* __restrict xr = x + r * w;
    float* __restrict dxr = dx + r * w;
    if (relu && acc != nullptr) {
      const float* __restrict ar = acc + r * w;
#pragma omp simd
      for (int64_t j = 0; j < w; j++) {
        const float g = dyr[j] * relu_derivative(xr[j] * mul[j] + add[j]);
        const float t = k1[j] * g + k2[j] * (xr[j] - mean[j]) + k3[j];
        dxr[j] = ar[j] + t;
      }
    } else if (relu) {
#pragma omp simd
      for (int64_t j = 0; j < w; j++) {
        const float g = dyr[j] * relu_derivative(xr[j] * mul[j] + add[j]);
        dxr[j] = k1[j] * g + k2[j] * (xr[j] - mean[j]) + k3[j];
      }
    } else if (acc != nullptr) {
      const float* __restrict ar = acc + r * w;
#pragma omp simd
      for (int64_t j = 0; j < w; j++) {
        const float t = k1[j] * dyr[j] + k2[j] * (xr[j] - mean[j]) + k3[j];
        dxr[j] = ar[j] + t;
      }
    } else {
#pragma omp simd
      for (int64_t j = 0; j < w; j++) {
        dxr[j] = k1[j] * dyr[j] + k2[j] * (xr[j] - mean[j]) + k3[j];
      }
    }
  }
}

}  // namespace ctf
