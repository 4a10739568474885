// Registration of the non-convolution kernels (one source file per family).
#pragma once
#include <napi.h>

namespace ctf {
void register_kernels(Napi::Env env, Napi::Object exports);
void register_pool(Napi::Env env, Napi::Object exports);
void register_batchnorm(Napi::Env env, Napi::Object exports);
void register_eltwise(Napi::Env env, Napi::Object exports);
void register_layout(Napi::Env env, Napi::Object exports);
void register_matmul(Napi::Env env, Napi::Object exports);
void register_reduce(Napi::Env env, Napi::Object exports);
void register_optim(Napi::Env env, Napi::Object exports);
void register_bnrelu(Napi::Env env, Napi::Object exports);
}  // namespace ctf
