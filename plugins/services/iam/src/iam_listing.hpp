// Marker/MaxItems pagination of IAM's List* actions: items come sorted by (lower-cased) name,
// the Marker of the next page is that name, opaque to clients. IsTruncated says whether to ask
// again. See test "ListUsers pages with Marker and MaxItems".
#pragma once
#include <cloudemu/protocol/xml_writer.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "iam_ops.hpp"

namespace iam {

struct PageWindow {
  std::size_t begin = 0, end = 0;
  std::string next_marker;  // empty: last page
};

/// The window of `sorted_keys` this request asks for (Marker, MaxItems 1-1000, default 100).
PageWindow page_window(const Call& c, const std::vector<std::string>& sorted_keys);

/// Writes <list_tag><member>..</member>...</list_tag><IsTruncated>..</IsTruncated>[<Marker>].
template <typename T, typename KeyOf, typename WriteItem>
void write_page(const Call& c, ce::XmlWriter& w, std::string_view list_tag,
                const std::vector<T>& items, KeyOf key_of, WriteItem write_item) {
  std::vector<std::string> keys;
  keys.reserve(items.size());
  for (const auto& item : items) keys.push_back(key_of(item));
  const PageWindow page = page_window(c, keys);
  w.open(list_tag);
  for (std::size_t i = page.begin; i < page.end; ++i) write_item(w, items[i]);
  w.close();
  w.element("IsTruncated", page.next_marker.empty() ? "false" : "true");
  if (!page.next_marker.empty()) w.element("Marker", page.next_marker);
}

}  // namespace iam
