// Reading kernel arguments from JavaScript without copying tensor data.
#pragma once

#include <napi.h>

#include <cstdint>
#include <string>
#include <vector>

namespace ctf {

/** Throws a JavaScript TypeError naming the argument at fault. */
[[noreturn]] inline void type_error(const Napi::Env& env, const std::string& message) {
  throw Napi::TypeError::New(env, message);
}

/**
 * The data pointer of a Float32Array argument (its byte offset applied), after
 * checking that it holds at least `min_length` elements. No copy is made.
 */
inline float* f32_arg(const Napi::CallbackInfo& info, size_t index, size_t min_length,
                      const char* name) {
  Napi::Value v = info[index];
  if (!v.IsTypedArray() || v.As<Napi::TypedArray>().TypedArrayType() != napi_float32_array) {
    type_error(info.Env(), std::string(name) + " must be a Float32Array");
  }
  Napi::Float32Array array = v.As<Napi::Float32Array>();
  if (array.ElementLength() < min_length) {
    type_error(info.Env(), std::string(name) + " must hold at least " +
                               std::to_string(min_length) + " elements, got " +
                               std::to_string(array.ElementLength()));
  }
  return array.Data();
}

/** Element count of a Float32Array argument. */
inline size_t f32_length(const Napi::CallbackInfo& info, size_t index, const char* name) {
  Napi::Value v = info[index];
  if (!v.IsTypedArray() || v.As<Napi::TypedArray>().TypedArrayType() != napi_float32_array) {
    type_error(info.Env(), std::string(name) + " must be a Float32Array");
  }
  return v.As<Napi::Float32Array>().ElementLength();
}

/** An array of integers (a JS array of numbers or an Int32Array). */
inline std::vector<int64_t> ints_arg(const Napi::CallbackInfo& info, size_t index,
                                     size_t expected, const char* name) {
  Napi::Value v = info[index];
  std::vector<int64_t> out;
  if (v.IsTypedArray() && v.As<Napi::TypedArray>().TypedArrayType() == napi_int32_array) {
    Napi::Int32Array a = v.As<Napi::Int32Array>();
    for (size_t i = 0; i < a.ElementLength(); i++) out.push_back(a[i]);
  } else if (v.IsArray()) {
    Napi::Array a = v.As<Napi::Array>();
    for (uint32_t i = 0; i < a.Length(); i++) {
      Napi::Value e = a.Get(i);
      if (!e.IsNumber()) type_error(info.Env(), std::string(name) + " must hold numbers");
      out.push_back(e.As<Napi::Number>().Int64Value());
    }
  } else {
    type_error(info.Env(), std::string(name) + " must be an array of integers");
  }
  if (expected != 0 && out.size() != expected) {
    type_error(info.Env(), std::string(name) + " must have " + std::to_string(expected) +
                               " entries, got " + std::to_string(out.size()));
  }
  return out;
}

inline int64_t int_arg(const Napi::CallbackInfo& info, size_t index, const char* name) {
  Napi::Value v = info[index];
  if (!v.IsNumber()) type_error(info.Env(), std::string(name) + " must be a number");
  return v.As<Napi::Number>().Int64Value();
}

inline double number_arg(const Napi::CallbackInfo& info, size_t index, const char* name) {
  Napi::Value v = info[index];
  if (!v.IsNumber()) type_error(info.Env(), std::string(name) + " must be a number");
  return v.As<Napi::Number>().DoubleValue();
}

inline std::string string_arg(const Napi::CallbackInfo& info, size_t index, const char* name) {
  Napi::Value v = info[index];
  if (!v.IsString()) type_error(info.Env(), std::string(name) + " must be a string");
  return v.As<Napi::String>().Utf8Value();
}

inline int64_t product(const std::vector<int64_t>& dims) {
  int64_t p = 1;
  for (int64_t d : dims) p *= d;
  return p;
}

}  // namespace ctf
