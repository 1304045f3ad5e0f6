// The static-website endpoint of a bucket (<bucket>.s3-website-<region>.amazonaws.com,
// <bucket>.s3-website.localhost.localstack.cloud): served from the website configuration.
#pragma once
#include <string_view>

#include "s3_ops.hpp"

namespace s3 {

/// True when the Host header names a bucket's website endpoint rather than the REST API.
bool is_website_host(std::string_view host);

/// Answers a website-endpoint request: index documents, redirects, error documents, HTML errors.
/// `get_object` is the GetObject/HeadObject handler that serves a resolved key.
void serve_website(Call& call, Handler get_object);

}  // namespace s3
