// Bucket configuration subresources on the fake host: round trips, the answers for unset
// configurations (Terraform reads them on every refresh), validation, ACLs and object lock.
#include "config_fixture.hpp"

namespace {

const std::string k_cors =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<s3:CORSConfiguration xmlns:s3=\"http://s3.amazonaws.com/doc/2006-03-01/\">\n"
    "  <s3:CORSRule>\n"
    "    <s3:AllowedMethod>GET</s3:AllowedMethod>\n"
    "    <s3:AllowedOrigin>*</s3:AllowedOrigin>\n"
    "    <!-- a comment -->\n"
    "    <s3:MaxAgeSeconds>3000</s3:MaxAgeSeconds>\n"
    "  </s3:CORSRule>\n"
    "</s3:CORSConfiguration>";

const std::string k_public_policy =
    R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*",)"
    R"("Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]})";

}  // namespace

TEST_CASE_METHOD(ConfigFixture, "unset configurations answer S3's errors and 2023 defaults",
                 "[config]") {
  make_bucket("bkt");
  struct Case {
    const char* query;
    unsigned status;
    const char* expect;  // error code, or a fragment of the answer
  };
  const Case cases[] = {
      {"cors", 404, "NoSuchCORSConfiguration"},
      {"lifecycle", 404, "NoSuchLifecycleConfiguration"},
      {"policy", 404, "NoSuchBucketPolicy"},
      {"policyStatus", 404, "NoSuchBucketPolicy"},
      {"website", 404, "NoSuchWebsiteConfiguration"},
      {"replication", 404, "ReplicationConfigurationNotFoundError"},
      {"object-lock", 404, "ObjectLockConfigurationNotFoundError"},
      {"tagging", 404, "NoSuchTagSet"},
      {"encryption", 200,
       "<Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>AES256</SSEAlgorithm>"
       "</ApplyServerSideEncryptionByDefault><BucketKeyEnabled>false</BucketKeyEnabled></Rule>"},
      {"ownershipControls", 200, "<ObjectOwnership>BucketOwnerEnforced</ObjectOwnership>"},
      {"publicAccessBlock", 200,
       "<BlockPublicAcls>true</BlockPublicAcls><IgnorePublicAcls>true</IgnorePublicAcls>"
       "<BlockPublicPolicy>true</BlockPublicPolicy>"
       "<RestrictPublicBuckets>true</RestrictPublicBuckets>"},
      {"logging", 200, "<BucketLoggingStatus xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"},
      {"accelerate", 200, "<AccelerateConfiguration xmlns="},
      {"requestPayment", 200, "<Payer>BucketOwner</Payer>"},
      {"notification", 200, "<NotificationConfiguration xmlns="},
      {"acl", 200, "<Permission>FULL_CONTROL</Permission>"},
  };
  for (const Case& c : cases) {
    INFO(c.query);
    const auto r = call("GET", std::string("/bkt?") + c.query);
    REQUIRE(r.status == c.status);
    if (c.status == 404) {
      REQUIRE(error_code(r) == c.expect);
      REQUIRE(contains(r.body, "<BucketName>bkt</BucketName>"));
    } else {
      REQUIRE(contains(r.body, c.expect));
      REQUIRE(r.body.rfind("<?xml", 0) == 0);
    }
  }
  REQUIRE(host.violations().empty());
}

TEST_CASE_METHOD(ConfigFixture, "configuration requests on a missing bucket are NoSuchBucket",
                 "[config]") {
  for (const char* q : {"cors", "encryption", "acl", "publicAccessBlock", "tagging", "logging"}) {
    INFO(q);
    REQUIRE(error_code(call("GET", std::string("/nope?") + q)) == "NoSuchBucket");
  }
  REQUIRE(error_code(call("PUT", "/nope?cors", k_cors)) == "NoSuchBucket");
  REQUIRE(error_code(call("DELETE", "/nope?cors")) == "NoSuchBucket");
}

TEST_CASE_METHOD(ConfigFixture, "CORS round trip re-renders canonically", "[config][cors]") {
  make_bucket("bkt");
  REQUIRE(call("PUT", "/bkt?cors", k_cors).status == 200);
  const auto get = call("GET", "/bkt?cors");
  REQUIRE(get.status == 200);
  REQUIRE(get.header("Content-Type") == "application/xml");
  REQUIRE(get.body ==
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          "<CORSConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><CORSRule>"
          "<AllowedMethod>GET</AllowedMethod><AllowedOrigin>*</AllowedOrigin>"
          "<MaxAgeSeconds>3000</MaxAgeSeconds></CORSRule></CORSConfiguration>");
  REQUIRE(call("DELETE", "/bkt?cors").status == 204);
  REQUIRE(error_code(call("GET", "/bkt?cors")) == "NoSuchCORSConfiguration");
}

TEST_CASE_METHOD(ConfigFixture, "CORS validation", "[config][cors]") {
  make_bucket("bkt");
  const auto bad_method = call("PUT", "/bkt?cors",
                               "<CORSConfiguration><CORSRule><AllowedMethod>PATCH</AllowedMethod>"
                               "<AllowedOrigin>*</AllowedOrigin></CORSRule></CORSConfiguration>");
  REQUIRE(bad_method.status == 400);
  REQUIRE(error_code(bad_method) == "InvalidRequest");
  REQUIRE(contains(bad_method.body, "Unsupported method is PATCH"));
  REQUIRE(error_code(call("PUT", "/bkt?cors",
                          "<CORSConfiguration><CORSRule><AllowedMethod>GET</AllowedMethod>"
                          "</CORSRule></CORSConfiguration>")) == "MalformedXML");
  REQUIRE(error_code(call("PUT", "/bkt?cors", "<CORSConfiguration/>")) == "MalformedXML");
  REQUIRE(error_code(call("PUT", "/bkt?cors", "<CORSConfiguration>")) == "MalformedXML");
  REQUIRE(error_code(call("PUT", "/bkt?cors", "<Wrong/>")) == "MalformedXML");
  REQUIRE(error_code(call("GET", "/bkt?cors")) == "NoSuchCORSConfiguration");
}

TEST_CASE_METHOD(ConfigFixture, "lifecycle rules need an action and a valid status",
                 "[config][lifecycle]") {
  make_bucket("bkt");
  const auto no_action = call("PUT", "/bkt?lifecycle",
                              "<LifecycleConfiguration><Rule><ID>r</ID><Filter/>"
                              "<Status>Enabled</Status></Rule></LifecycleConfiguration>");
  REQUIRE(no_action.status == 400);
  REQUIRE(error_code(no_action) == "InvalidRequest");
  REQUIRE(error_code(call("PUT", "/bkt?lifecycle",
                          "<LifecycleConfiguration><Rule><Status>On</Status><Expiration><Days>1"
                          "</Days></Expiration></Rule></LifecycleConfiguration>")) ==
          "MalformedXML");
  REQUIRE(error_code(call("PUT", "/bkt?lifecycle",
                          "<LifecycleConfiguration><Rule><Status>Enabled</Status><Expiration>"
                          "<Days>0</Days></Expiration></Rule></LifecycleConfiguration>")) ==
          "InvalidArgument");
  const std::string rule =
      "<Rule><ID>expire</ID><Filter><Prefix>logs/</Prefix></Filter><Status>Enabled</Status>"
      "<Expiration><Days>30</Days></Expiration></Rule>";
  REQUIRE(error_code(call("PUT", "/bkt?lifecycle",
                          "<LifecycleConfiguration>" + rule + rule +
                              "</LifecycleConfiguration>")) == "InvalidArgument");
  REQUIRE(
      call("PUT", "/bkt?lifecycle", "<LifecycleConfiguration>" + rule + "</LifecycleConfiguration>")
          .status == 200);
  const auto get = call("GET", "/bkt?lifecycle");
  REQUIRE(get.status == 200);
  REQUIRE(contains(
      get.body,
      "<LifecycleConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">" + rule));
  REQUIRE(call("DELETE", "/bkt?lifecycle").status == 204);
  REQUIRE(error_code(call("GET", "/bkt?lifecycle")) == "NoSuchLifecycleConfiguration");
}

TEST_CASE_METHOD(ConfigFixture, "bucket policy: JSON only, blocked when public, policy status",
                 "[config][policy]") {
  make_bucket("bkt");
  const auto bad = call("PUT", "/bkt?policy", "not json");
  REQUIRE(bad.status == 400);
  REQUIRE(error_code(bad) == "MalformedPolicy");
  REQUIRE(contains(bad.body, "Policies must be valid JSON and the first byte must be"));
  REQUIRE(error_code(call("PUT", "/bkt?policy", "{\"Version\": ")) == "MalformedPolicy");
  REQUIRE(error_code(call("PUT", "/bkt?policy", "{}")) == "MalformedPolicy");

  // New buckets block public policies.
  REQUIRE(call("PUT", "/bkt?policy", k_public_policy).status == 403);
  REQUIRE(call("DELETE", "/bkt?publicAccessBlock").status == 204);
  REQUIRE(call("PUT", "/bkt?policy", k_public_policy).status == 204);
  const auto get = call("GET", "/bkt?policy");
  REQUIRE(get.status == 200);
  REQUIRE(get.body == k_public_policy);
  REQUIRE(contains(call("GET", "/bkt?policyStatus").body, "<IsPublic>true</IsPublic>"));

  const std::string private_policy =
      R"({"Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::000000000000:root"},)"
      R"("Action":"s3:*","Resource":"*"}})";
  REQUIRE(call("PUT", "/bkt?policy", private_policy).status == 204);
  REQUIRE(contains(call("GET", "/bkt?policyStatus").body, "<IsPublic>false</IsPublic>"));
  REQUIRE(call("DELETE", "/bkt?policy").status == 204);
  REQUIRE(error_code(call("GET", "/bkt?policy")) == "NoSuchBucketPolicy");
}

TEST_CASE_METHOD(ConfigFixture, "encryption: validation, round trip, delete restores SSE-S3",
                 "[config][encryption]") {
  make_bucket("bkt");
  REQUIRE(error_code(call("PUT", "/bkt?encryption",
                          "<ServerSideEncryptionConfiguration><Rule>"
                          "<ApplyServerSideEncryptionByDefault><SSEAlgorithm>DES</SSEAlgorithm>"
                          "</ApplyServerSideEncryptionByDefault></Rule>"
                          "</ServerSideEncryptionConfiguration>")) == "MalformedXML");
  REQUIRE(error_code(call("PUT", "/bkt?encryption",
                          "<ServerSideEncryptionConfiguration><Rule>"
                          "<ApplyServerSideEncryptionByDefault><SSEAlgorithm>AES256</SSEAlgorithm>"
                          "<KMSMasterKeyID>k</KMSMasterKeyID></ApplyServerSideEncryptionByDefault>"
                          "</Rule></ServerSideEncryptionConfiguration>")) == "InvalidArgument");
  const std::string kms =
      "<ServerSideEncryptionConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Rule>"
      "<ApplyServerSideEncryptionByDefault><SSEAlgorithm>aws:kms</SSEAlgorithm>"
      "<KMSMasterKeyID>arn:aws:kms:us-east-1:000000000000:key/k</KMSMasterKeyID>"
      "</ApplyServerSideEncryptionByDefault><BucketKeyEnabled>true</BucketKeyEnabled></Rule>"
      "</ServerSideEncryptionConfiguration>";
  REQUIRE(call("PUT", "/bkt?encryption", kms).status == 200);
  REQUIRE(call("GET", "/bkt?encryption").body ==
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + kms);
  REQUIRE(call("DELETE", "/bkt?encryption").status == 204);
  REQUIRE(contains(call("GET", "/bkt?encryption").body, "<SSEAlgorithm>AES256</SSEAlgorithm>"));
}

TEST_CASE_METHOD(ConfigFixture, "ownership controls and public access block", "[config][access]") {
  make_bucket("bkt");
  REQUIRE(error_code(call("PUT", "/bkt?ownershipControls",
                          "<OwnershipControls><Rule><ObjectOwnership>Nobody</ObjectOwnership>"
                          "</Rule></OwnershipControls>")) == "MalformedXML");
  REQUIRE(call("PUT", "/bkt?ownershipControls",
               "<OwnershipControls><Rule><ObjectOwnership>ObjectWriter</ObjectOwnership></Rule>"
               "</OwnershipControls>")
              .status == 200);
  REQUIRE(contains(call("GET", "/bkt?ownershipControls").body,
                   "<ObjectOwnership>ObjectWriter</ObjectOwnership>"));
  REQUIRE(call("DELETE", "/bkt?ownershipControls").status == 204);
  REQUIRE(error_code(call("GET", "/bkt?ownershipControls")) == "OwnershipControlsNotFoundError");

  REQUIRE(call("PUT", "/bkt?publicAccessBlock",
               "<PublicAccessBlockConfiguration><BlockPublicAcls>TRUE</BlockPublicAcls>"
               "</PublicAccessBlockConfiguration>")
              .status == 200);
  REQUIRE(contains(call("GET", "/bkt?publicAccessBlock").body,
                   "<BlockPublicAcls>true</BlockPublicAcls><IgnorePublicAcls>false"
                   "</IgnorePublicAcls><BlockPublicPolicy>false</BlockPublicPolicy>"
                   "<RestrictPublicBuckets>false</RestrictPublicBuckets>"));
  REQUIRE(error_code(call("PUT", "/bkt?publicAccessBlock",
                          "<PublicAccessBlockConfiguration><BlockPublicAcls>yes</BlockPublicAcls>"
                          "</PublicAccessBlockConfiguration>")) == "MalformedXML");
  REQUIRE(call("DELETE", "/bkt?publicAccessBlock").status == 204);
  REQUIRE(error_code(call("GET", "/bkt?publicAccessBlock")) ==
          "NoSuchPublicAccessBlockConfiguration");
}

TEST_CASE_METHOD(ConfigFixture, "website, replication, accelerate, logging, payment, notification",
                 "[config]") {
  make_bucket("bkt");
  REQUIRE(error_code(call("PUT", "/bkt?website",
                          "<WebsiteConfiguration><ErrorDocument><Key>e.html</Key></ErrorDocument>"
                          "</WebsiteConfiguration>")) == "InvalidArgument");
  REQUIRE(call("PUT", "/bkt?website",
               "<WebsiteConfiguration><IndexDocument><Suffix>index.html</Suffix></IndexDocument>"
               "</WebsiteConfiguration>")
              .status == 200);
  REQUIRE(contains(call("GET", "/bkt?website").body, "<Suffix>index.html</Suffix>"));
  REQUIRE(call("DELETE", "/bkt?website").status == 204);
  REQUIRE(error_code(call("GET", "/bkt?website")) == "NoSuchWebsiteConfiguration");

  const std::string replication =
      "<ReplicationConfiguration><Role>arn:aws:iam::000000000000:role/r</Role><Rule>"
      "<Status>Enabled</Status><Destination><Bucket>arn:aws:s3:::dst</Bucket></Destination>"
      "</Rule></ReplicationConfiguration>";
  REQUIRE(error_code(call("PUT", "/bkt?replication", replication)) == "InvalidRequest");
  enable_versioning("bkt");
  REQUIRE(call("PUT", "/bkt?replication", replication).status == 200);
  REQUIRE(contains(call("GET", "/bkt?replication").body, "<Bucket>arn:aws:s3:::dst</Bucket>"));
  REQUIRE(call("DELETE", "/bkt?replication").status == 204);
  REQUIRE(error_code(call("GET", "/bkt?replication")) == "ReplicationConfigurationNotFoundError");

  REQUIRE(call("PUT", "/bkt?accelerate",
               "<AccelerateConfiguration><Status>Enabled</Status></AccelerateConfiguration>")
              .status == 200);
  REQUIRE(contains(call("GET", "/bkt?accelerate").body, "<Status>Enabled</Status>"));
  make_bucket("with.dots");
  REQUIRE(error_code(call("PUT", "/with.dots?accelerate",
                          "<AccelerateConfiguration><Status>Enabled</Status>"
                          "</AccelerateConfiguration>")) == "InvalidRequest");

  REQUIRE(call("PUT", "/bkt?logging",
               "<BucketLoggingStatus><LoggingEnabled><TargetBucket>b</TargetBucket><TargetPrefix>"
               "logs/</TargetPrefix></LoggingEnabled></BucketLoggingStatus>")
              .status == 200);
  REQUIRE(contains(call("GET", "/bkt?logging").body, "<TargetPrefix>logs/</TargetPrefix>"));
  REQUIRE(error_code(call("PUT", "/bkt?requestPayment",
                          "<RequestPaymentConfiguration><Payer>Nobody</Payer>"
                          "</RequestPaymentConfiguration>")) == "MalformedXML");
  REQUIRE(call("PUT", "/bkt?requestPayment",
               "<RequestPaymentConfiguration><Payer>Requester</Payer>"
               "</RequestPaymentConfiguration>")
              .status == 200);
  REQUIRE(contains(call("GET", "/bkt?requestPayment").body, "<Payer>Requester</Payer>"));
  REQUIRE(error_code(call("PUT", "/bkt?notification",
                          "<NotificationConfiguration><QueueConfiguration><Queue>arn</Queue>"
                          "</QueueConfiguration></NotificationConfiguration>")) == "MalformedXML");
  REQUIRE(call("PUT", "/bkt?notification",
               "<NotificationConfiguration><QueueConfiguration><Queue>arn:aws:sqs:us-east-1:"
               "000000000000:q</Queue><Event>s3:ObjectCreated:*</Event></QueueConfiguration>"
               "</NotificationConfiguration>")
              .status == 200);
  REQUIRE(contains(call("GET", "/bkt?notification").body, "<Event>s3:ObjectCreated:*</Event>"));
}

TEST_CASE_METHOD(ConfigFixture, "ACLs follow object ownership and block public access",
                 "[config][acl]") {
  make_bucket("bkt");
  const auto refused = call("PUT", "/bkt?acl", {}, {{"x-amz-acl", "public-read"}});
  REQUIRE(refused.status == 400);
  REQUIRE(error_code(refused) == "AccessControlListNotSupported");
  REQUIRE(call("PUT", "/bkt?acl", {}, {{"x-amz-acl", "private"}}).status == 200);
  REQUIRE(error_code(call("PUT", "/bkt?acl", {}, {{"x-amz-acl", "nonsense"}})) ==
          "InvalidArgument");
  REQUIRE(error_code(call("PUT", "/bkt?acl")) == "MissingSecurityHeader");

  REQUIRE(call("PUT", "/bkt?ownershipControls",
               "<OwnershipControls><Rule><ObjectOwnership>ObjectWriter</ObjectOwnership></Rule>"
               "</OwnershipControls>")
              .status == 200);
  REQUIRE(call("PUT", "/bkt?acl", {}, {{"x-amz-acl", "public-read"}}).status == 403);
  REQUIRE(call("DELETE", "/bkt?publicAccessBlock").status == 204);
  REQUIRE(call("PUT", "/bkt?acl", {}, {{"x-amz-acl", "public-read"}}).status == 200);
  const auto acl = call("GET", "/bkt?acl");
  REQUIRE(contains(acl.body,
                   "<URI>http://acs.amazonaws.com/groups/global/AllUsers</URI></Grantee>"
                   "<Permission>READ</Permission>"));
  REQUIRE(contains(acl.body, "xsi:type=\"Group\""));

  // A body round trip, then headers and a body together are refused.
  const std::string owner_id = acl.body.substr(acl.body.find("<ID>") + 4, 64);
  const std::string policy =
      "<AccessControlPolicy><Owner><ID>" + owner_id +
      "</ID></Owner><AccessControlList><Grant><Grantee "
      "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"CanonicalUser\"><ID>" +
      owner_id +
      "</ID></Grantee><Permission>WRITE_ACP</Permission></Grant></AccessControlList>"
      "</AccessControlPolicy>";
  REQUIRE(call("PUT", "/bkt?acl", policy).status == 200);
  REQUIRE(contains(call("GET", "/bkt?acl").body, "<Permission>WRITE_ACP</Permission>"));
  REQUIRE(error_code(call("PUT", "/bkt?acl", policy, {{"x-amz-acl", "private"}})) ==
          "UnexpectedContent");
  REQUIRE(error_code(call("PUT", "/bkt?acl",
                          "<AccessControlPolicy><Owner><ID>x</ID></Owner><AccessControlList><Grant>"
                          "<Grantee><ID>x</ID></Grantee><Permission>ALL</Permission></Grant>"
                          "</AccessControlList></AccessControlPolicy>")) == "MalformedACLError");

  // Object ACLs.
  REQUIRE(call("PUT", "/bkt/k", "data").status == 200);
  REQUIRE(contains(call("GET", "/bkt/k?acl").body, "<Permission>FULL_CONTROL</Permission>"));
  REQUIRE(call("PUT", "/bkt/k?acl", {},
               {{"x-amz-grant-read", "uri=\"http://acs.amazonaws.com/groups/global/AllUsers\""}})
              .status == 200);
  REQUIRE(contains(call("GET", "/bkt/k?acl").body, "AllUsers</URI></Grantee><Permission>READ"));
  REQUIRE(error_code(call("GET", "/bkt/missing?acl")) == "NoSuchKey");

  // An ACL given when a multipart upload starts is the completed object's.
  const auto created = call("POST", "/bkt/mpu?uploads", {}, {{"x-amz-acl", "public-read"}});
  REQUIRE(created.status == 200);
  const auto id_at = created.body.find("<UploadId>") + 10;
  const std::string upload_id =
      created.body.substr(id_at, created.body.find("</UploadId>") - id_at);
  const auto part = call("PUT", "/bkt/mpu?partNumber=1&uploadId=" + upload_id, "only part");
  REQUIRE(part.status == 200);
  REQUIRE(call("POST", "/bkt/mpu?uploadId=" + upload_id,
               "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>" +
                   *part.header("ETag") + "</ETag></Part></CompleteMultipartUpload>")
              .status == 200);
  REQUIRE(contains(call("GET", "/bkt/mpu?acl").body, "AllUsers</URI></Grantee><Permission>READ"));
  REQUIRE(host.violations().empty());
}

TEST_CASE_METHOD(ConfigFixture, "object lock configuration needs an object-lock bucket",
                 "[config][object-lock]") {
  make_bucket("plain");
  const std::string config =
      "<ObjectLockConfiguration><ObjectLockEnabled>Enabled</ObjectLockEnabled><Rule>"
      "<DefaultRetention><Mode>GOVERNANCE</Mode><Days>1</Days></DefaultRetention></Rule>"
      "</ObjectLockConfiguration>";
  const auto refused = call("PUT", "/plain?object-lock", config);
  REQUIRE(refused.status == 409);
  REQUIRE(error_code(refused) == "InvalidBucketState");
  // Versioning Enabled lets an existing bucket turn Object Lock on.
  make_bucket("versioned");
  enable_versioning("versioned");
  REQUIRE(call("PUT", "/versioned?object-lock", config).status == 200);

  make_bucket("locked", {{"x-amz-bucket-object-lock-enabled", "true"}});
  REQUIRE(contains(call("GET", "/locked?object-lock").body,
                   "<ObjectLockEnabled>Enabled</ObjectLockEnabled></ObjectLockConfiguration>"));
  REQUIRE(error_code(call("PUT", "/locked?object-lock",
                          "<ObjectLockConfiguration><ObjectLockEnabled>Enabled</ObjectLockEnabled>"
                          "<Rule><DefaultRetention><Mode>GOVERNANCE</Mode><Days>1</Days><Years>1"
                          "</Years></DefaultRetention></Rule></ObjectLockConfiguration>")) ==
          "MalformedXML");
  REQUIRE(call("PUT", "/locked?object-lock", config).status == 200);
  REQUIRE(
      contains(call("GET", "/locked?object-lock").body, "<Mode>GOVERNANCE</Mode><Days>1</Days>"));
}

TEST_CASE_METHOD(ConfigFixture, "object retention and legal hold", "[config][object-lock]") {
  make_bucket("plain");
  REQUIRE(call("PUT", "/plain/k", "x").status == 200);
  REQUIRE(error_code(call("GET", "/plain/k?retention")) == "InvalidRequest");

  make_bucket("locked", {{"x-amz-bucket-object-lock-enabled", "true"}});
  REQUIRE(call("PUT", "/locked/k", "x").status == 200);
  REQUIRE(error_code(call("GET", "/locked/k?retention")) == "NoSuchObjectLockConfiguration");
  // The fake host's clock starts at 2023-11-14T22:13:20Z.
  const auto retention = [](const char* mode, const char* until) {
    return std::string("<Retention><Mode>") + mode + "</Mode><RetainUntilDate>" + until +
           "</RetainUntilDate></Retention>";
  };
  REQUIRE(error_code(call("PUT", "/locked/k?retention",
                          retention("COMPLIANCE", "2020-01-01T00:00:00Z"))) == "InvalidArgument");
  REQUIRE(
      call("PUT", "/locked/k?retention", retention("GOVERNANCE", "2030-01-01T00:00:00Z")).status ==
      200);
  const auto get = call("GET", "/locked/k?retention");
  REQUIRE(contains(get.body, "<Mode>GOVERNANCE</Mode><RetainUntilDate>2030-01-01T00:00:00.000Z"));
  REQUIRE(get.header("x-amz-version-id").has_value());
  // Shortening GOVERNANCE needs the bypass header; COMPLIANCE can only be extended.
  REQUIRE(
      call("PUT", "/locked/k?retention", retention("GOVERNANCE", "2029-01-01T00:00:00Z")).status ==
      403);
  REQUIRE(call("PUT", "/locked/k?retention", retention("GOVERNANCE", "2029-01-01T00:00:00Z"),
               {{"x-amz-bypass-governance-retention", "true"}})
              .status == 200);
  REQUIRE(
      call("PUT", "/locked/k?retention", retention("COMPLIANCE", "2031-01-01T00:00:00Z")).status ==
      200);
  REQUIRE(call("PUT", "/locked/k?retention", retention("GOVERNANCE", "2032-01-01T00:00:00Z"),
               {{"x-amz-bypass-governance-retention", "true"}})
              .status == 403);

  REQUIRE(error_code(call("GET", "/locked/k?legal-hold")) == "NoSuchObjectLockConfiguration");
  REQUIRE(
      call("PUT", "/locked/k?legal-hold", "<LegalHold><Status>ON</Status></LegalHold>").status ==
      200);
  REQUIRE(contains(call("GET", "/locked/k?legal-hold").body, "<Status>ON</Status>"));
  REQUIRE(error_code(call("PUT", "/locked/k?legal-hold",
                          "<LegalHold><Status>MAYBE</Status></LegalHold>")) == "MalformedXML");
  REQUIRE(host.violations().empty());
}
