// Object operation handlers, one file per family; registered in s3_object_ops.cpp.
#pragma once
#include "s3_ops.hpp"

namespace s3 {

void put_object(Call& call);             // s3_object_put.cpp
void get_object(Call& call);             // s3_object_get.cpp
void head_object(Call& call);            // s3_object_get.cpp
void delete_object(Call& call);          // s3_object_delete.cpp
void delete_objects(Call& call);         // s3_object_delete.cpp
void copy_object(Call& call);            // s3_object_copy.cpp
void get_object_attributes(Call& call);  // s3_object_attributes.cpp

}  // namespace s3
