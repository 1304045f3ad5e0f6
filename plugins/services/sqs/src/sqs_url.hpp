// Queue URLs and ARNs. SQS answers http://<Host of the request>/<account>/<queue name>; on input it
// takes any URL whose path is /<account>/<name>, including LocalStack's
// http://sqs.<region>.localhost.localstack.cloud:4566/<account>/<name> (whose region wins).
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace sqs {

struct QueueAddress {
  std::string account;
  std::string name;
  std::string region;  // "" unless the URL's host names one
};

/// Parses a QueueUrl (absolute, or only its path). nullopt when it does not name a queue.
std::optional<QueueAddress> parse_queue_url(std::string_view url);
std::string queue_url(std::string_view host, std::string_view account, std::string_view name);
std::string queue_arn(std::string_view region, std::string_view account, std::string_view name);
/// arn:aws:sqs:<region>:<account>:<name>; nullopt for anything else.
std::optional<QueueAddress> parse_queue_arn(std::string_view arn);

}  // namespace sqs
