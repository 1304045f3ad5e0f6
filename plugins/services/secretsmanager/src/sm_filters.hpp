// ListSecrets and BatchGetSecretValue filters (AWS's rules, from the Filter shape's reference):
//   description     prefix, not case-sensitive        tag-key, tag-value   prefix, case-sensitive
//   name            prefix, case-sensitive            primary-region       prefix, case-sensitive
//   owning-service  prefix, case-sensitive            all   every word of the value is a prefix
//                                                           of some attribute, not case-sensitive
// A value starting with '!' negates: no attribute may match it. Values of one filter are
// alternatives (any may match; every negated one must hold); filters all apply.
// Pure functions, unit-tested in filters_test.
#pragma once
#include <algorithm>
#include <cloudemu/storage.hpp>
#include <cstddef>
#include <iterator>
#include <string>
#include <vector>

#include "sm_ops.hpp"
#include "sm_store.hpp"

namespace sm {

struct Filter {
  std::string key;
  std::vector<std::string> values;
};

/// The Filters member (at most 10 filters of 1..10 values), validated.
std::vector<Filter> read_filters(const Json& in);
bool matches_filters(const SecretRecord& secret, const std::vector<Filter>& filters);

/// A page of `items` from NextToken (an offset; InvalidNextTokenException when it is not one of
/// ours), setting *next to the token of the rest ("" when none).
template <typename T>
std::vector<T> page(std::vector<T> items, const std::string& token, std::size_t max,
                    std::string* next);
std::size_t page_start(const std::string& token, std::size_t size);
std::string page_token(std::size_t offset);

template <typename T>
std::vector<T> page(std::vector<T> items, const std::string& token, std::size_t max,
                    std::string* next) {
  const std::size_t start = page_start(token, items.size());
  const std::size_t end = std::min(items.size(), start + max);
  *next = end < items.size() ? page_token(end) : "";
  return std::vector<T>(std::make_move_iterator(items.begin() + static_cast<std::ptrdiff_t>(start)),
                        std::make_move_iterator(items.begin() + static_cast<std::ptrdiff_t>(end)));
}

}  // namespace sm
