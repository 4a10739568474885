#pragma once
#include <napi.h>

#include <functional>
#include <new>
#include <string>

#include <dnnl.hpp>

namespace ctf {
/** Runs `body`, turning oneDNN and allocation failures into JavaScript errors. */
inline Napi::Value guarded(const Napi::CallbackInfo& info, const char* what,
                           const std::function<void()>& body) {
  try {
    body();
  } catch (const dnnl::error& e) {
    throw Napi::Error::New(info.Env(), std::string(what) + ": oneDNN error: " + e.what());
  } catch (const std::bad_alloc&) {
    throw Napi::Error::New(info.Env(), std::string(what) + ": out of memory");
  }
  return info.Env().Undefined();
}
}  // namespace ctf
