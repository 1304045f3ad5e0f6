// PostObject: browser-based uploads (POST /bucket with a multipart/form-data body).
#pragma once
#include "s3_ops.hpp"

namespace s3 {

void post_object(Call& call);
/// Registers PostObject (the dispatcher already names the operation for POST /bucket).
void add_post_object_ops(OpRegistry& ops);

}  // namespace s3
