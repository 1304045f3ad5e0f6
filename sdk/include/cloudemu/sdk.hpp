// The whole C++ SDK layer in one include (plugins may include the individual headers instead).
#pragma once
#include <cloudemu/blob.hpp>
#include <cloudemu/call.hpp>
#include <cloudemu/clock.hpp>
#include <cloudemu/context.hpp>
#include <cloudemu/keycodec.hpp>
#include <cloudemu/operation_table.hpp>
#include <cloudemu/plugin.hpp>
#include <cloudemu/protocol/render.hpp>
#include <cloudemu/request.hpp>
#include <cloudemu/response.hpp>
#include <cloudemu/service.hpp>
#include <cloudemu/storage.hpp>
#include <cloudemu/value.hpp>
