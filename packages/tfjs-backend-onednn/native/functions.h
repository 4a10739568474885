// Declarations of every function the addon exports (the list is native/functions.def).
#pragma once
#include <napi.h>

namespace ctf {
#define CTF_FUNCTION(js_name, function, description) \
  Napi::Value function(const Napi::CallbackInfo& info);
#include "functions.def"
#undef CTF_FUNCTION
}  // namespace ctf
