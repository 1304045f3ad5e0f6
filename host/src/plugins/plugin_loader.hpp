// Loads plugin libraries with Boost.DLL, checks their descriptor against the host's ABI, and runs
// their init. A plugin that fails any step is refused with a message naming the file, what was
// expected, what was found, and what to do; the host keeps running without it.
#pragma once
#include <cloudemu/abi.h>

#include <filesystem>
#include <string>
#include <vector>

namespace ce::host {

class HostRuntime;

/// Folders searched when --plugin-dir adds none: next to the executable's ../lib/cloudemu/plugins.
std::vector<std::filesystem::path> default_plugin_dirs();

/// Loads every cloudemu-*.so of the folders, in name order.
void load_plugin_dirs(HostRuntime& rt, const std::vector<std::filesystem::path>& dirs);

/// Loads one library file. Returns false when it was refused or skipped (see rt.registry).
bool load_plugin_file(HostRuntime& rt, const std::filesystem::path& file);

/// Checks a descriptor and runs init; `library` keeps the code mapped (empty for static plugins).
bool load_descriptor(HostRuntime& rt, const ce_plugin_descriptor* desc, const std::string& file,
                     std::shared_ptr<void> library);

/// The version-check text, exposed for tests: "" when the plugin may load.
std::string abi_mismatch(const ce_plugin_descriptor& desc, const std::string& file);

}  // namespace ce::host
