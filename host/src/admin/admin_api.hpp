// The host's own endpoints: health (ours and LocalStack's shape), the plugin list, the test clock
// and per-service reset. They are not AWS APIs, so they answer plain JSON.
#pragma once
#include <string_view>

namespace ce::host {

class HostRuntime;
struct Incoming;

bool is_admin_path(std::string_view path);
void handle_admin(HostRuntime& rt, Incoming& in, std::string_view path, std::string_view query);

}  // namespace ce::host
