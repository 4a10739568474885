#include "kernels.h"

namespace ctf {
void register_kernels(Napi::Env env, Napi::Object exports) {
  register_pool(env, exports);
  register_batchnorm(env, exports);
  register_eltwise(env, exports);
  register_layout(env, exports);
  register_matmul(env, exports);
  register_reduce(env, exports);
  register_optim(env, exports);
  register_bnrelu(env, exports);
}
}  // namespace ctf
