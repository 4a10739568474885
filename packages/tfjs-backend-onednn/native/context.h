// Shared state of the addon: the oneDNN engine and stream, reusable scratch
// buffers, the thread count, and an LRU cache of primitives keyed by strings.
#pragma once

#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>

#include <dnnl.hpp>

namespace ctf {

/** Anything stored in the primitive cache. */
struct Cached {
  virtual ~Cached() = default;
};

/** A least-recently-used map from a shape/attribute key to cached primitives. */
class PrimitiveCache {
 public:
  explicit PrimitiveCache(size_t capacity) : capacity_(capacity) {}
  std::shared_ptr<Cached> get(const std::string& key);
  void put(const std::string& key, std::shared_ptr<Cached> value);
  void clear();
  void set_capacity(size_t capacity);
  size_t size() const { return index_.size(); }
  size_t capacity() const { return capacity_; }
  uint64_t hits = 0;
  uint64_t misses = 0;

 private:
  using Item = std::pair<std::string, std::shared_ptr<Cached>>;
  size_t capacity_;
  std::list<Item> items_;
  std::unordered_map<std::string, std::list<Item>::iterator> index_;
};

dnnl::engine& engine();
dnnl::stream& stream();
PrimitiveCache& cache();

/** Attributes every primitive is created with (user-provided scratchpad). */
dnnl::primitive_attr default_attr();

/**
 * A reusable 64-byte aligned buffer, one per slot, grown on demand and never
 * shrunk (so steady-state training does not allocate). Slots let a kernel hold
 * several temporaries at once.
 */
enum Slot : int {
  kScratchpad = 0,
  kWeights = 1,
  kTemp0 = 2,
  kTemp1 = 3,
  kTemp2 = 4,
  kTemp3 = 5,
  kSlots = 6
};
void* buffer(Slot slot, size_t bytes);
/** Bytes held by all slots. */
size_t buffer_bytes();
/** Frees every slot (they grow again on the next use). */
void release_buffers();

/** A memory object for the scratchpad a primitive descriptor asks for. */
dnnl::memory scratchpad_memory(const dnnl::primitive_desc_base& pd);

int max_threads();
void set_max_threads(int threads);

/** Returns the cached value for `key`, creating it with `make` on a miss. */
template <class T, class Make>
std::shared_ptr<T> cached(const std::string& key, Make make) {
  PrimitiveCache& c = cache();
  std::shared_ptr<Cached> hit = c.get(key);
  if (hit) return std::static_pointer_cast<T>(hit);
  std::shared_ptr<T> value = make();
  c.put(key, value);
  return value;
}

/** Joins integers into a cache key fragment: "a,b,c". */
template <class V>
std::string join(const V& values) {
  std::string s;
  for (auto v : values) {
    if (!s.empty()) s += ',';
    s += std::to_string(v);
  }
  return s;
}

}  // namespace ctf
