// Builds RequestViews from owned strings for the auth tests.
#pragma once
#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "auth/amz_date.hpp"
#include "auth/auth_types.hpp"

namespace ce::host::auth::test {

struct OwnedRequest {
  std::string method, path, query;
  std::vector<std::pair<std::string, std::string>> headers;
  std::vector<HeaderView> views;

  RequestView view() {
    views.clear();
    for (const auto& [n, v] : headers) views.emplace_back(n, v);
    return RequestView{method, path, query, views};
  }
  void set_header(const std::string& name, std::string value) {
    for (auto& [n, v] : headers) {
      if (n == name) return void(v = std::move(value));
    }
    headers.emplace_back(name, std::move(value));
  }
};

inline std::chrono::system_clock::time_point at(std::string_view amz_date) {
  return std::chrono::system_clock::time_point(*parse_amz_date(amz_date));
}

}  // namespace ce::host::auth::test
