/* Everything of the CloudEmu C ABI in one include. */
#ifndef CLOUDEMU_ABI_H
#define CLOUDEMU_ABI_H
#include "abi/ce_host_api.h"
#include "abi/ce_plugin.h"
#include "abi/ce_service.h"
#include "abi/ce_storage.h"
#include "abi/ce_types.h"
#endif
