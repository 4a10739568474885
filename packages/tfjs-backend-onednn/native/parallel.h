// Minimal OpenMP helpers (serial when the compiler has no OpenMP).
#pragma once
#include <cstdint>

#ifdef _OPENMP
#include <omp.h>
#endif

namespace ctf {

/**
 * Memory-bound loops over fewer elements than this run on one thread: starting
 * and joining an OpenMP team costs more than it saves on small tensors, and far
 * more when the cores are shared with other processes (a descheduled worker
 * stalls the barrier for a whole time slice).
 */
constexpr int64_t kMinParallelElements = int64_t{1} << 17;

/** The minimum chunk, in rows of `row_elements`, for parallel_chunks over rows. */
inline int64_t min_rows(int64_t row_elements) {
  int64_t rows = kMinParallelElements / (row_elements > 0 ? row_elements : 1);
  return rows < 1 ? 1 : rows;
}

/** Calls fn(begin, end) on contiguous chunks of [0, n) spread over the threads. */
template <class F>
void parallel_chunks(int64_t n, int64_t min_chunk, F fn) {
  if (n <= 0) return;
#ifdef _OPENMP
  int threads = omp_get_max_threads();
  int64_t max_parts = (n + min_chunk - 1) / min_chunk;
  if (max_parts < threads) threads = static_cast<int>(max_parts);
  if (threads <= 1 || omp_in_parallel()) {
    fn(static_cast<int64_t>(0), n);
    return;
  }
#pragma omp parallel num_threads(threads)
  {
    int t = omp_get_thread_num();
    int count = omp_get_num_threads();
    int64_t begin = n * t / count;
    int64_t end = n * (t + 1) / count;
    if (begin < end) fn(begin, end);
  }
#else
  (void)min_chunk;
  fn(static_cast<int64_t>(0), n);
#endif
}

/** Number of threads parallel_chunks would use for n items. */
inline int parallel_parts(int64_t n, int64_t min_chunk) {
#ifdef _OPENMP
  int threads = omp_get_max_threads();
  int64_t max_parts = (n + min_chunk - 1) / min_chunk;
  if (max_parts < threads) threads = static_cast<int>(max_parts);
  return threads < 1 ? 1 : threads;
#else
  (void)n;
  (void)min_chunk;
  return 1;
#endif
}

/** Like parallel_chunks with exactly `parts` chunks; fn(part, begin, end). */
template <class F>
void parallel_parts_for(int64_t n, int parts, F fn) {
#ifdef _OPENMP
  if (parts > 1 && !omp_in_parallel()) {
#pragma omp parallel for num_threads(parts) schedule(static, 1)
    for (int p = 0; p < parts; p++) fn(p, n * p / parts, n * (p + 1) / parts);
    return;
  }
#endif
  for (int p = 0; p < parts; p++) fn(p, n * p / parts, n * (p + 1) / parts);
}

}  // namespace ctf
