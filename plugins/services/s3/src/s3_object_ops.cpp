#include "s3_object_handlers.hpp"

namespace s3 {

void add_object_ops(OpRegistry& ops) {
  ops.add("PutObject", &put_object);
  ops.add("GetObject", &get_object);
  ops.add("HeadObject", &head_object);
  ops.add("DeleteObject", &delete_object);
  ops.add("DeleteObjects", &delete_objects);
  ops.add("CopyObject", &copy_object);
  ops.add("GetObjectAttributes", &get_object_attributes);
}

}  // namespace s3
