// libFuzzer entry point for the failures-document harness; see harness.h.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "harness.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  respgrade::fuzz::run_failures_document(
      std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
