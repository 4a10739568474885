// The N-API entry point of @ct-fracture/tfjs-backend-onednn's native addon.
#include <napi.h>

#include <cstdlib>

#include <dnnl.hpp>

#include "args.h"
#include "context.h"
#include "functions.h"

namespace ctf {

Napi::Value Info(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const dnnl_version_t* v = dnnl_version();
  Napi::Object out = Napi::Object::New(env);
  out.Set("onednnVersion", std::to_string(v->major) + "." + std::to_string(v->minor) + "." +
                               std::to_string(v->patch));
  out.Set("onednnHash", v->hash);
  out.Set("cpuIsa", static_cast<double>(static_cast<int>(dnnl::get_effective_cpu_isa())));
  out.Set("threads", max_threads());
  out.Set("cacheSize", static_cast<double>(cache().size()));
  out.Set("cacheCapacity", static_cast<double>(cache().capacity()));
  out.Set("cacheHits", static_cast<double>(cache().hits));
  out.Set("cacheMisses", static_cast<double>(cache().misses));
  out.Set("bufferBytes", static_cast<double>(buffer_bytes()));
  return out;
}

Napi::Value SetThreads(const Napi::CallbackInfo& info) {
  int64_t n = int_arg(info, 0, "threads");
  if (n < 1) type_error(info.Env(), "threads must be at least 1");
  set_max_threads(static_cast<int>(n));
  return Napi::Number::New(info.Env(), max_threads());
}

Napi::Value SetCacheCapacity(const Napi::CallbackInfo& info) {
  int64_t n = int_arg(info, 0, "capacity");
  if (n < 1) type_error(info.Env(), "capacity must be at least 1");
  cache().set_capacity(static_cast<size_t>(n));
  return info.Env().Undefined();
}

Napi::Value ClearCache(const Napi::CallbackInfo& info) {
  cache().clear();
  release_buffers();
  return info.Env().Undefined();
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  const char* threads = std::getenv("CTF_ONEDNN_THREADS");
  if (threads != nullptr && std::atoi(threads) > 0) set_max_threads(std::atoi(threads));
#define CTF_FUNCTION(js_name, function, description) \
  exports.Set(#js_name, Napi::Function::New(env, function));
#include "functions.def"
#undef CTF_FUNCTION
  return exports;
}

}  // namespace ctf

static Napi::Object InitAddon(Napi::Env env, Napi::Object exports) { return ctf::Init(env, exports); }

NODE_API_MODULE(ctf_onednn, InitAddon)
