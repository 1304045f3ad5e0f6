// Access control lists: GetBucketAcl / PutBucketAcl / GetObjectAcl / PutObjectAcl, canned ACLs
// (x-amz-acl), header grants (x-amz-grant-*) and the AccessControlPolicy body.
//
// ACLs are stored rendered (configs["acl"] for buckets, ObjectVersion::acl for objects) and are
// not enforced: the emulator authorizes nothing by ACL. What S3 refuses is refused: any ACL other
// than "bucket owner has FULL_CONTROL" when ObjectOwnership is BucketOwnerEnforced, and public
// ACLs while BlockPublicAcls is on.
#include <cloudemu/protocol/xml_writer.hpp>
#include <cloudemu/text.hpp>

#include "s3_bucket_config.hpp"
#include "s3_errors.hpp"
#include "s3_owner.hpp"
#include "s3_service.hpp"
#include "s3_store.hpp"
#include "s3_xml.hpp"

namespace s3::config {

namespace {

constexpr std::string_view k_all_users = "http://acs.amazonaws.com/groups/global/AllUsers";
constexpr std::string_view k_authenticated_users =
    "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";
constexpr std::string_view k_log_delivery = "http://acs.amazonaws.com/groups/s3/LogDelivery";

constexpr std::pair<std::string_view, std::string_view> k_grant_headers[] = {
    {"x-amz-grant-full-control", "FULL_CONTROL"},
    {"x-amz-grant-read", "READ"},
    {"x-amz-grant-write", "WRITE"},
    {"x-amz-grant-read-acp", "READ_ACP"},
    {"x-amz-grant-write-acp", "WRITE_ACP"},
};

ce::AwsError malformed_acl() {
  return ce::AwsError::client(400, "MalformedACLError",
                              "The XML you provided was not well-formed or did not validate "
                              "against our published schema");
}

Grant user(std::string id, std::string_view permission) {
  return {"CanonicalUser", std::move(id), std::string(permission)};
}
Grant group(std::string_view uri, std::string_view permission) {
  return {"Group", std::string(uri), std::string(permission)};
}

/// x-amz-grant-read: id="...", uri="...", emailAddress="..."
void add_header_grants(std::vector<Grant>& out, std::string_view value,
                       std::string_view permission) {
  while (!value.empty()) {
    const auto comma = value.find(',');
    const std::string item(ce::trim_blanks(value.substr(0, comma)));
    value = comma == std::string_view::npos ? std::string_view{} : value.substr(comma + 1);
    const auto eq = item.find('=');
    if (eq == std::string::npos) throw err::invalid_argument("Argument format not recognized");
    std::string kind(ce::trim_blanks(std::string_view(item).substr(0, eq)));
    std::string who(ce::trim_blanks(std::string_view(item).substr(eq + 1)));
    if (who.size() >= 2 && who.front() == '"' && who.back() == '"')
      who = who.substr(1, who.size() - 2);
    for (char& c : kind) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (kind == "id")
      out.push_back(user(who, permission));
    else if (kind == "uri")
      out.push_back(group(who, permission));
    else if (kind == "emailaddress")
      out.push_back({"AmazonCustomerByEmail", who, std::string(permission)});
    else
      throw err::invalid_argument("Argument format not recognized");
  }
}

bool is_public(const Acl& acl) {
  return std::any_of(acl.grants.begin(), acl.grants.end(), [](const Grant& g) {
    return g.type == "Group" && (g.who == k_all_users || g.who == k_authenticated_users);
  });
}

/// BucketOwnerEnforced still accepts the one ACL that changes nothing: owner FULL_CONTROL.
bool only_owner_full_control(const Acl& acl, std::string_view bucket_owner_id) {
  return std::all_of(acl.grants.begin(), acl.grants.end(), [&](const Grant& g) {
    return g.type == "CanonicalUser" && g.who == bucket_owner_id && g.permission == "FULL_CONTROL";
  });
}

void check_allowed(const Acl& acl, const BucketRecord& b) {
  if (acls_disabled(b) && !only_owner_full_control(acl, canonical_user_id(b.owner)))
    throw ce::AwsError::client(400, "AccessControlListNotSupported",
                               "The bucket does not allow ACLs");
  if (is_public(acl) && public_access_blocked(b, "BlockPublicAcls"))
    throw ce::AwsError::access_denied();
}

/// The ACL named by x-amz-acl or x-amz-grant-* headers, nullopt when there are none.
std::optional<Acl> acl_in_headers(const ce::Request& req, std::string_view owner_id,
                                  std::string_view bucket_owner_id) {
  const auto canned = req.header("x-amz-acl");
  Acl acl{std::string(owner_id), {}};
  bool grants = false;
  for (const auto& [name, permission] : k_grant_headers) {
    if (const auto v = req.header(name)) {
      add_header_grants(acl.grants, *v, permission);
      grants = true;
    }
  }
  if (canned && grants)
    throw err::invalid_request("Specifying both Canned ACLs and Header Grants is not allowed");
  if (canned) return canned_acl(*canned, owner_id, bucket_owner_id);
  if (grants) return acl;
  return std::nullopt;
}

/// What a Put*Acl request asks for: headers or a body, not both.
Acl requested_acl(Call& call, std::string_view owner_id, std::string_view bucket_owner_id) {
  const std::string body = call.req.read_all(k_max_xml_body);
  auto from_headers = acl_in_headers(call.req, owner_id, bucket_owner_id);
  if (from_headers && !body.empty())
    throw ce::AwsError::client(400, "UnexpectedContent", "This request does not support content");
  if (from_headers) return std::move(*from_headers);
  if (body.empty()) {
    throw ce::AwsError::client(400, "MissingSecurityHeader",
                               "Your request was missing a required header")
        .with("MissingHeaderName", "x-amz-acl");
  }
  return parse_acl(body);
}

void get_bucket_acl(Call& call) {
  const BucketRecord b = call.checked_bucket();
  const auto it = b.configs.find("acl");
  send_xml(call, with_declaration(it != b.configs.end() ? it->second : default_acl(b.owner)));
}

void put_bucket_acl(Call& call) {
  const BucketRecord b = call.checked_bucket();
  const std::string owner_id = canonical_user_id(b.owner);
  const Acl acl = requested_acl(call, owner_id, owner_id);
  check_allowed(acl, b);
  const std::string doc = render_acl(acl);
  call.store().update_bucket(call.bucket, [&](BucketRecord& rec) { rec.configs["acl"] = doc; });
  call.resp.send_empty(200);
}

void get_object_acl(Call& call) {
  const auto [b, v] = read_version(call);
  set_version_header(call, b, v);
  send_xml(call, with_declaration(v.acl.empty() ? default_acl(v.owner) : v.acl));
}

void put_object_acl(Call& call) {
  const auto [bucket, current] = read_version(call);
  const Acl acl =
      requested_acl(call, canonical_user_id(current.owner), canonical_user_id(bucket.owner));
  check_allowed(acl, bucket);
  const std::string doc = render_acl(acl);
  const auto [b, v] =
      update_version(call, [&](const BucketRecord&, ObjectVersion& ver) { ver.acl = doc; });
  set_version_header(call, b, v);
  call.resp.send_empty(200);
}

}  // namespace

Acl canned_acl(std::string_view name, std::string_view owner, std::string_view bucket_owner) {
  Acl acl{std::string(owner), {user(std::string(owner), "FULL_CONTROL")}};
  const bool other_bucket_owner = bucket_owner != owner;
  if (name == "private" || name == "aws-exec-read") {
    // aws-exec-read also lets EC2 read AMI bundles; there is no EC2 grantee to show here.
  } else if (name == "public-read") {
    acl.grants.push_back(group(k_all_users, "READ"));
  } else if (name == "public-read-write") {
    acl.grants.push_back(group(k_all_users, "READ"));
    acl.grants.push_back(group(k_all_users, "WRITE"));
  } else if (name == "authenticated-read") {
    acl.grants.push_back(group(k_authenticated_users, "READ"));
  } else if (name == "bucket-owner-read") {
    if (other_bucket_owner) acl.grants.push_back(user(std::string(bucket_owner), "READ"));
  } else if (name == "bucket-owner-full-control") {
    if (other_bucket_owner) acl.grants.push_back(user(std::string(bucket_owner), "FULL_CONTROL"));
  } else if (name == "log-delivery-write") {
    acl.grants.push_back(group(k_log_delivery, "WRITE"));
    acl.grants.push_back(group(k_log_delivery, "READ_ACP"));
  } else {
    throw err::invalid_argument("", "x-amz-acl", name);
  }
  return acl;
}

Acl parse_acl(std::string_view body) {
  pugi::xml_document doc;
  const pugi::xml_node root = parse_root(doc, body, "AccessControlPolicy");
  Acl acl;
  const auto owner = child_text(child(root, "Owner"), "ID");
  if (!owner || owner->empty()) throw malformed_acl();
  acl.owner = *owner;
  for (const pugi::xml_node& g : children(child(root, "AccessControlList"), "Grant")) {
    const pugi::xml_node grantee = child(g, "Grantee");
    const auto permission = child_text(g, "Permission");
    if (!grantee || !permission) throw malformed_acl();
    if (*permission != "FULL_CONTROL" && *permission != "WRITE" && *permission != "WRITE_ACP" &&
        *permission != "READ" && *permission != "READ_ACP") {
      throw malformed_acl();
    }
    // The grantee's kind follows from what identifies it (xsi:type says the same thing).
    if (auto id = child_text(grantee, "ID")) {
      acl.grants.push_back(user(std::move(*id), *permission));
    } else if (auto uri = child_text(grantee, "URI")) {
      acl.grants.push_back(group(*uri, *permission));
    } else if (auto email = child_text(grantee, "EmailAddress")) {
      acl.grants.push_back({"AmazonCustomerByEmail", std::move(*email), *permission});
    } else {
      throw malformed_acl();
    }
  }
  return acl;
}

std::string render_acl(const Acl& acl) {
  // Hand-built: grantees carry xsi attributes, which XmlWriter does not write.
  std::string out = "<AccessControlPolicy xmlns=\"" + std::string(k_xmlns) + "\"><Owner><ID>" +
                    ce::xml_escape(acl.owner) + "</ID></Owner><AccessControlList>";
  for (const Grant& g : acl.grants) {
    const std::string_view element =
        g.type == "CanonicalUser" ? "ID" : (g.type == "Group" ? "URI" : "EmailAddress");
    out += "<Grant><Grantee xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"";
    out += g.type + "\"><" + std::string(element) + ">" + ce::xml_escape(g.who) + "</" +
           std::string(element) + "></Grantee><Permission>" + g.permission +
           "</Permission></Grant>";
  }
  return out + "</AccessControlList></AccessControlPolicy>";
}

std::string default_acl(std::string_view owner_account) {
  const std::string id = canonical_user_id(owner_account);
  return render_acl(canned_acl("private", id, id));
}

std::optional<std::string> acl_from_headers(const ce::Request& req, const BucketRecord& bucket,
                                            std::string_view owner_account) {
  const auto acl =
      acl_in_headers(req, canonical_user_id(owner_account), canonical_user_id(bucket.owner));
  if (!acl) return std::nullopt;
  check_allowed(*acl, bucket);
  return render_acl(*acl);
}

void add_acl_ops(OpRegistry& ops) {
  ops.add("GetBucketAcl", &get_bucket_acl);
  ops.add("PutBucketAcl", &put_bucket_acl);
  ops.add("GetObjectAcl", &get_object_acl);
  ops.add("PutObjectAcl", &put_object_acl);
}

}  // namespace s3::config
