// Marker/MaxItems windows (iam_listing.hpp).
#include "iam_listing.hpp"

#include <algorithm>
#include <charconv>

#include "iam_errors.hpp"

namespace iam {

PageWindow page_window(const Call& c, const std::vector<std::string>& sorted_keys) {
  std::size_t max_items = 100;
  if (const auto text = c.optional("MaxItems")) {
    int64_t v = 0;
    const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
    if (ec != std::errc() || end != text->data() + text->size() || v < 1)
      throw constraint_error(*text, "maxItems",
                             "Member must have value greater than or equal to 1");
    if (v > 1000)
      throw constraint_error(*text, "maxItems",
                             "Member must have value less than or equal to 1000");
    max_items = static_cast<std::size_t>(v);
  }
  PageWindow page;
  if (const auto marker = c.optional("Marker"); marker && !marker->empty()) {
    page.begin = static_cast<std::size_t>(
        std::lower_bound(sorted_keys.begin(), sorted_keys.end(), *marker) - sorted_keys.begin());
  }
  page.end = std::min(sorted_keys.size(), page.begin + max_items);
  if (page.end < sorted_keys.size()) page.next_marker = sorted_keys[page.end];
  return page;
}

}  // namespace iam
