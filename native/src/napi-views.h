// Typed-array arguments of the addon's N-API functions: the one reader every binding file uses.
#pragma once

#include <node_api.h>

#include <cstddef>
#include <cstdio>

namespace gradus {

/** One typed-array argument: its element type, its data and its length in elements. */
struct View {
  napi_typedarray_type type = napi_float32_array;
  void* data = nullptr;
  size_t length = 0;
};

/** The most typed-array arguments one call reads. */
constexpr size_t kMaxViews = 12;

/**
 * Reads the first `count` (≤ kMaxViews) arguments as typed arrays into `views`; false, with a JS
 * TypeError pending ("gradus native: missing <what> arguments" or "expected a typed array"), otherwise.
 */
inline bool readViews(napi_env env, napi_callback_info info, View* views, size_t count,
                      const char* what = "typed array") {
  napi_value argv[kMaxViews];
  size_t argc = kMaxViews;
  if (count > kMaxViews ||
      napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr) != napi_ok || argc < count) {
    char message[96];
    snprintf(message, sizeof message, "gradus native: missing %s arguments", what);
    napi_throw_type_error(env, nullptr, message);
    return false;
  }
  for (size_t i = 0; i < count; ++i)
    if (napi_get_typedarray_info(env, argv[i], &views[i].type, &views[i].length, &views[i].data,
                                 nullptr, nullptr) != napi_ok) {
      napi_throw_type_error(env, nullptr, "gradus native: expected a typed array");
      return false;
    }
  return true;
}

}  // namespace gradus
