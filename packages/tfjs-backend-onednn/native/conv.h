#pragma once
#include <napi.h>

#include <string>

namespace ctf {
/** conv3dForward(x, filter, y, geometry[24]): y = conv(x, filter). */
Napi::Value Conv3dForward(const Napi::CallbackInfo& info);
/** conv3dBackwardData(dy, filter, dx, geometry[24]). */
Napi::Value Conv3dBackwardData(const Napi::CallbackInfo& info);
/** conv3dBackwardWeights(x, dy, dw, geometry[24]). */
Napi::Value Conv3dBackwardWeights(const Napi::CallbackInfo& info);
/** convImplementations(geometry[24]): the oneDNN implementation names chosen. */
Napi::Value ConvImplementations(const Napi::CallbackInfo& info);
}  // namespace ctf
