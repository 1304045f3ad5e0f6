// One request to the KMS service through the host's internal call (JSON 1.1,
// X-Amz-Target TrentService.<Operation>), in the caller's account and region.
#pragma once
#include <cloudemu/context.hpp>
#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

namespace sm {

struct KmsAnswer {
  bool reached = false;  // false: KMS is not loaded or the host refused the call (`failure` says)
  std::string failure;
  uint32_t http_status = 0;
  nlohmann::json doc;      // the answer document (an error's too)
  std::string error_type;  // "__type" of an error answer, e.g. "DisabledException"
  std::string message;     // its message

  bool ok() const { return reached && http_status == 200; }
};

void call_kms(const ce::ServiceContext& ctx, const std::string& account, const std::string& region,
              const std::string& operation, const nlohmann::json& body,
              std::function<void(KmsAnswer)> done);

}  // namespace sm
