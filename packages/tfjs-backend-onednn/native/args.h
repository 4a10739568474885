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

namespace ctf {

/**
 * Named fields of an options object (STYLE: across the native boundary, read fields by
 * name): every accessor names the field at fault in its TypeError.
 */
class Options {
 public:
  Options(const Napi::CallbackInfo& info, size_t index, const char* what)
      : env_(info.Env()), what_(what) {
    Napi::Value v = info[index];
    if (!v.IsObject()) type_error(env_, std::string(what) + ": options must be an object");
    object_ = v.As<Napi::Object>();
  }

  Napi::Env env() const { return env_; }

  bool has(const char* name) const {
    Napi::Value v = object_.Get(name);
    return !v.IsUndefined() && !v.IsNull();
  }

  int64_t integer(const char* name) const {
    Napi::Value v = object_.Get(name);
    if (!v.IsNumber()) fail(name, "must be a number");
    return v.As<Napi::Number>().Int64Value();
  }

  double number(const char* name) const {
    Napi::Value v = object_.Get(name);
    if (!v.IsNumber()) fail(name, "must be a number");
    return v.As<Napi::Number>().DoubleValue();
  }

  bool flag(const char* name) const { return object_.Get(name).ToBoolean().Value(); }

  /** A Float32Array field of at least `min_length` elements (no copy). */
  float* f32(const char* name, size_t min_length) const {
    return checked_f32(object_.Get(name), name, min_length);
  }

  /** A Float32Array field, or nullptr when absent. */
  float* optional_f32(const char* name, size_t min_length) const {
    return has(name) ? f32(name, min_length) : nullptr;
  }

  /** An array of Float32Arrays, each of at least `min_lengths[k]` elements. */
  std::vector<float*> f32_list(const char* name, const std::vector<int64_t>& min_lengths) const {
    Napi::Value v = object_.Get(name);
    if (!v.IsArray()) fail(name, "must be an array of Float32Array");
    Napi::Array list = v.As<Napi::Array>();
    if (list.Length() != min_lengths.size()) {
      fail(name, "must hold " + std::to_string(min_lengths.size()) + " arrays, got " +
                     std::to_string(list.Length()));
    }
    std::vector<float*> out;
    for (uint32_t k = 0; k < list.Length(); k++) {
      out.push_back(checked_f32(list.Get(k), name, static_cast<size_t>(min_lengths[k])));
    }
    return out;
  }

  /** A positive integer. */
  int64_t positive(const char* name) const {
    int64_t value = integer(name);
    if (value < 1) fail(name, "must be positive, got " + std::to_string(value));
    return value;
  }

  /** Exactly three integers (depth, height, width); positive ones with `positive`. */
  std::vector<int64_t> triple(const char* name, bool positive = false) const {
    std::vector<int64_t> values = ints(name);
    if (values.size() != 3) {
      fail(name, "must hold 3 integers (depth, height, width), got " +
                     std::to_string(values.size()));
    }
    for (int64_t value : values) {
      if (positive && value < 1) {
        fail(name, "must be positive, got [" + std::to_string(values[0]) + ", " +
                       std::to_string(values[1]) + ", " + std::to_string(values[2]) + "]");
      }
    }
    return values;
  }

  /** An array of integers. */
  std::vector<int64_t> ints(const char* name) const {
    Napi::Value v = object_.Get(name);
    if (!v.IsArray()) fail(name, "must be an array of integers");
    Napi::Array list = v.As<Napi::Array>();
    std::vector<int64_t> out;
    for (uint32_t k = 0; k < list.Length(); k++) {
      Napi::Value e = list.Get(k);
      if (!e.IsNumber()) fail(name, "must hold numbers");
      out.push_back(e.As<Napi::Number>().Int64Value());
    }
    return out;
  }

 private:
  [[noreturn]] void fail(const char* name, const std::string& message) const {
    type_error(env_, std::string(what_) + ": " + name + " " + message);
  }

  float* checked_f32(Napi::Value v, const char* name, size_t min_length) const {
    if (!v.IsTypedArray() || v.As<Napi::TypedArray>().TypedArrayType() != napi_float32_array) {
      fail(name, "must be a Float32Array");
    }
    Napi::Float32Array array = v.As<Napi::Float32Array>();
    if (array.ElementLength() < min_length) {
      fail(name, "must hold at least " + std::to_string(min_length) + " elements, got " +
                     std::to_string(array.ElementLength()));
    }
    return array.Data();
  }

  Napi::Env env_;
  const char* what_;
  Napi::Object object_;
};

}  // namespace ctf
