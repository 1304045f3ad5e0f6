#pragma once
namespace ce::host {
inline constexpr const char* kVersion = "0.1.0";
}
