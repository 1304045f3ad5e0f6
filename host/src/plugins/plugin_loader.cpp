#define BOOST_DLL_USE_STD_FS 1
#include "plugins/plugin_loader.hpp"

#include <algorithm>
#include <boost/dll/runtime_symbol_info.hpp>
#include <boost/dll/shared_library.hpp>
#include <cloudemu/status.hpp>
#include <cstddef>
#include <cstring>

#include "observability/log.hpp"
#include "plugins/registrar.hpp"
#include "runtime/host_runtime.hpp"

namespace ce::host {
namespace fs = std::filesystem;
namespace {

constexpr std::size_t kMinDescriptorSize = offsetof(ce_plugin_descriptor, shutdown) + sizeof(void*);

void refuse(HostRuntime& rt, const std::string& file, const std::string& name,
            const std::string& reason) {
  rt.registry.refused.push_back({file, name, reason});
  log_warn("plugins", "refused " + file + (name.empty() ? "" : " (" + name + ")") + ": " + reason);
}

std::string version_text(unsigned major, unsigned minor) {
  return std::to_string(major) + "." + std::to_string(minor);
}

bool selected(const HostRuntime& rt, std::string_view plugin_name) {
  if (rt.config.services.empty()) return true;
  return plugin_name == rt.config.storage ||
         std::find(rt.config.services.begin(), rt.config.services.end(), plugin_name) !=
             rt.config.services.end();
}

}  // namespace

std::vector<fs::path> default_plugin_dirs() {
  std::error_code ec;
  const fs::path exe = boost::dll::program_location().parent_path();
  std::vector<fs::path> dirs;
  for (const fs::path& candidate : {exe / ".." / "lib" / "cloudemu" / "plugins", exe / "plugins"}) {
    if (fs::is_directory(candidate, ec)) dirs.push_back(fs::weakly_canonical(candidate, ec));
  }
  return dirs;
}

std::string abi_mismatch(const ce_plugin_descriptor& desc, const std::string& file) {
  const std::string plugin = version_text(desc.abi_major, desc.abi_minor);
  const std::string host = version_text(CE_ABI_MAJOR, CE_ABI_MINOR);
  if (desc.abi_major != CE_ABI_MAJOR)
    return file + " was built for plugin ABI " + plugin + ", this host speaks ABI " + host +
           " (major versions must match): rebuild the plugin against CloudEmu SDK " +
           std::to_string(CE_ABI_MAJOR) + ".x";
  if (desc.abi_minor > CE_ABI_MINOR)
    return file + " was built for plugin ABI " + plugin + ", this host supports up to ABI " + host +
           ": upgrade cloudemu, or rebuild the plugin against CloudEmu SDK " + host;
  return {};
}

bool load_descriptor(HostRuntime& rt, const ce_plugin_descriptor* desc, const std::string& file,
                     std::shared_ptr<void> library) {
  if (desc == nullptr) {
    refuse(rt, file, "", "ce_plugin_entry() returned NULL");
    return false;
  }
  if (desc->struct_size < kMinDescriptorSize) {
    refuse(rt, file, "",
           "plugin descriptor is " + std::to_string(desc->struct_size) +
               " bytes, the host needs at least " + std::to_string(kMinDescriptorSize) + " (ABI " +
               std::to_string(CE_ABI_MAJOR) + ".0): rebuild the plugin against the CloudEmu SDK");
    return false;
  }
  if (std::string why = abi_mismatch(*desc, file); !why.empty()) {
    refuse(rt, file, desc->name ? desc->name : "", why);
    return false;
  }
  const std::string name = desc->name ? desc->name : "";
  if (name.empty() || desc->init == nullptr) {
    refuse(rt, file, name, "descriptor lacks a name or an init function");
    return false;
  }
  for (const auto& p : rt.registry.plugins) {
    if (p.name == name) {
      refuse(rt, file, name, "a plugin named '" + name + "' is already loaded from " + p.file);
      return false;
    }
  }
  ce_registrar_s reg;
  reg.runtime = &rt;
  reg.plugin_name = name;
  reg.file = file;
  reg.library = library;
  ce_error err = make_error();
  ce_status st = CE_INTERNAL;
  std::string threw;
  try {
    st = desc->init(HostRuntime::api(), &reg, &err);
  } catch (const std::exception& e) {
    threw = e.what();
  } catch (...) {
    threw = "a non-standard exception";
  }
  if (!threw.empty()) {
    rollback(reg);
    refuse(
        rt, file, name,
        "init threw an exception (" + threw + "); a plugin must not let exceptions cross the ABI");
    return false;
  }
  if (st != CE_OK) {
    rollback(reg);
    refuse(rt, file, name,
           std::string("init failed with ") + status_name(st) +
               (err.message[0] ? ": " + std::string(err.message) : ""));
    return false;
  }
  if (!reg.first_error.empty()) {
    rollback(reg);
    refuse(rt, file, name, "registration failed: " + reg.first_error);
    return false;
  }
  PluginRecord rec;
  rec.file = file;
  rec.name = name;
  rec.version = desc->version ? desc->version : "";
  rec.maturity = desc->maturity ? desc->maturity : "";
  rec.abi_major = desc->abi_major;
  rec.abi_minor = desc->abi_minor;
  rec.kinds = desc->kinds;
  rec.descriptor = desc;
  rec.library = library;
  for (auto& s : reg.services) {
    rec.services.push_back(s->id);
    rt.registry.services.push_back(std::move(s));
  }
  for (auto& s : reg.storage) {
    rec.storage.push_back(s->id);
    rt.registry.storage.push_back(std::move(s));
  }
  rt.registry.plugins.push_back(std::move(rec));
  return true;
}

bool load_plugin_file(HostRuntime& rt, const fs::path& path) {
  const std::string file = path.string();
  const std::string stem = path.stem().string();
  const std::string name = stem.rfind("cloudemu-", 0) == 0 ? stem.substr(9) : stem;
  if (!selected(rt, name)) {
    rt.registry.skipped.push_back(name);
    return false;
  }
  auto library = std::make_shared<boost::dll::shared_library>();
  boost::dll::fs::error_code ec;
  library->load(path, boost::dll::load_mode::rtld_local | boost::dll::load_mode::rtld_now, ec);
  if (ec) {
    refuse(rt, file, "",
           "cannot load the library: " + ec.message() +
               " (missing dependency or not a shared library)");
    return false;
  }
  if (!library->has(CE_PLUGIN_ENTRY_SYMBOL)) {
    refuse(rt, file, "",
           std::string("no exported symbol ") + CE_PLUGIN_ENTRY_SYMBOL +
               ": not a CloudEmu plugin, or built without the SDK's CE_PLUGIN_ENTRY");
    return false;
  }
  auto entry = library->get<const ce_plugin_descriptor*()>(CE_PLUGIN_ENTRY_SYMBOL);
  const ce_plugin_descriptor* desc = nullptr;
  try {
    desc = entry();
  } catch (...) {
    refuse(rt, file, "", "ce_plugin_entry() threw");
    return false;
  }
  return load_descriptor(rt, desc, file, std::static_pointer_cast<void>(library));
}

void load_plugin_dirs(HostRuntime& rt, const std::vector<fs::path>& dirs) {
  for (const auto& dir : dirs) {
    std::error_code ec;
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
      const auto fname = entry.path().filename().string();
      if (fname.rfind("cloudemu-", 0) == 0 && entry.path().extension() == ".so")
        files.push_back(entry.path());
    }
    if (ec) {
      log_warn("plugins", "cannot read plugin folder " + dir.string() + ": " + ec.message());
      continue;
    }
    std::sort(files.begin(), files.end());
    for (const auto& f : files) load_plugin_file(rt, f);
  }
}

}  // namespace ce::host
