#include "context.h"

#include <cstdlib>
#include <vector>

#ifdef _OPENMP
#include <omp.h>
#endif

namespace ctf {

std::shared_ptr<Cached> PrimitiveCache::get(const std::string& key) {
  auto found = index_.find(key);
  if (found == index_.end()) {
    misses++;
    return nullptr;
  }
  hits++;
  items_.splice(items_.begin(), items_, found->second);
  return found->second->second;
}

void PrimitiveCache::put(const std::string& key, std::shared_ptr<Cached> value) {
  auto found = index_.find(key);
  if (found != index_.end()) {
    found->second->second = std::move(value);
    items_.splice(items_.begin(), items_, found->second);
    return;
  }
  items_.emplace_front(key, std::move(value));
  index_[key] = items_.begin();
  while (index_.size() > capacity_ && !items_.empty()) {
    index_.erase(items_.back().first);
    items_.pop_back();
  }
}

void PrimitiveCache::clear() {
  items_.clear();
  index_.clear();
}

void PrimitiveCache::set_capacity(size_t capacity) {
  capacity_ = capacity < 1 ? 1 : capacity;
  while (index_.size() > capacity_ && !items_.empty()) {
    index_.erase(items_.back().first);
    items_.pop_back();
  }
}

dnnl::engine& engine() {
  static dnnl::engine e(dnnl::engine::kind::cpu, 0);
  return e;
}

dnnl::stream& stream() {
  static dnnl::stream s(engine());
  return s;
}

static size_t initial_capacity() {
  const char* env = std::getenv("CTF_ONEDNN_CACHE_CAPACITY");
  if (env != nullptr) {
    long v = std::strtol(env, nullptr, 10);
    if (v > 0) return static_cast<size_t>(v);
  }
  return 1024;
}

PrimitiveCache& cache() {
  static PrimitiveCache c(initial_capacity());
  return c;
}

dnnl::primitive_attr default_attr() {
  dnnl::primitive_attr attr;
  attr.set_scratchpad_mode(dnnl::scratchpad_mode::user);
  return attr;
}

namespace {
struct Buffer {
  void* data = nullptr;
  size_t bytes = 0;
};
Buffer g_buffers[kSlots];
}  // namespace

void* buffer(Slot slot, size_t bytes) {
  Buffer& b = g_buffers[slot];
  if (bytes == 0) bytes = 64;
  if (b.bytes < bytes) {
    std::free(b.data);
    size_t rounded = (bytes + 4095) / 4096 * 4096;
    b.data = std::aligned_alloc(64, rounded);
    if (b.data == nullptr) {
      b.bytes = 0;
      throw std::bad_alloc();
    }
    b.bytes = rounded;
  }
  return b.data;
}

size_t buffer_bytes() {
  size_t total = 0;
  for (const Buffer& b : g_buffers) total += b.bytes;
  return total;
}

void release_buffers() {
  for (Buffer& b : g_buffers) {
    std::free(b.data);
    b.data = nullptr;
    b.bytes = 0;
  }
}

dnnl::memory scratchpad_memory(const dnnl::primitive_desc_base& pd) {
  dnnl::memory::desc md = pd.scratchpad_desc();
  return dnnl::memory(md, engine(), buffer(kScratchpad, md.get_size()));
}

int max_threads() {
#ifdef _OPENMP
  return omp_get_max_threads();
#else
  return 1;
#endif
}

void set_max_threads(int threads) {
#ifdef _OPENMP
  if (threads > 0) omp_set_num_threads(threads);
#else
  (void)threads;
#endif
}

}  // namespace ctf
