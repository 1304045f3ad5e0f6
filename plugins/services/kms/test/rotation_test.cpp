// Key rotation: the status, on-demand rotation adding material, old ciphertexts still opening.
#include "kms_fixture.hpp"

TEST_CASE_METHOD(KmsFixture, "Enable, get and disable automatic rotation", "[kms][rotation]") {
  const std::string id = new_key();
  CHECK(ok("GetKeyRotationStatus", {{"KeyId", id}})["KeyRotationEnabled"] == false);
  ok("EnableKeyRotation", {{"KeyId", id}, {"RotationPeriodInDays", 90}});
  const Json s = ok("GetKeyRotationStatus", {{"KeyId", id}});
  CHECK(s["KeyRotationEnabled"] == true);
  CHECK(s["RotationPeriodInDays"] == 90);
  CHECK(s["NextRotationDate"].get<double>() == Approx(1'700'000'000.0 + 90 * 86400));
  ok("DisableKeyRotation", {{"KeyId", id}});
  CHECK(ok("GetKeyRotationStatus", {{"KeyId", id}})["KeyRotationEnabled"] == false);
  CHECK(fail("EnableKeyRotation", {{"KeyId", id}, {"RotationPeriodInDays", 89}}).type ==
        "ValidationException");
  const std::string rsa = new_key("RSA_2048", "SIGN_VERIFY");
  CHECK(fail("EnableKeyRotation", {{"KeyId", rsa}}).type == "UnsupportedOperationException");
  ok("DisableKey", {{"KeyId", id}});
  CHECK(fail("EnableKeyRotation", {{"KeyId", id}}).type == "DisabledException");
}

TEST_CASE_METHOD(KmsFixture, "rotation keeps old ciphertexts readable", "[kms][rotation]") {
  const std::string id = new_key();
  const Json before = ok("Encrypt", {{"KeyId", id}, {"Plaintext", b64("old")}})["CiphertextBlob"];
  host.advance(1000);
  CHECK(ok("RotateKeyOnDemand", {{"KeyId", id}})["KeyId"] == id);
  const Json after = ok("Encrypt", {{"KeyId", id}, {"Plaintext", b64("new")}})["CiphertextBlob"];
  CHECK(unb64(ok("Decrypt", {{"CiphertextBlob", before}})["Plaintext"]) == "old");
  CHECK(unb64(ok("Decrypt", {{"CiphertextBlob", after}})["Plaintext"]) == "new");
  // The new ciphertext names material version 2 (offset 5 + 36 in the blob).
  const std::string blob = unb64(after);
  CHECK(static_cast<uint8_t>(blob[5 + 36 + 3]) == 2);
  const Json rotations = ok("ListKeyRotations", {{"KeyId", id}});
  REQUIRE(rotations["Rotations"].size() == 1);
  CHECK(rotations["Rotations"][0]["RotationType"] == "ON_DEMAND");
  CHECK(rotations["Rotations"][0]["RotationDate"].get<double>() == Approx(1'700'000'001.0));
  CHECK(rotations["Truncated"] == false);
}
