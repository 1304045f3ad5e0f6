// e2e_kms_js: KMS through the AWS SDK for JavaScript v3 (@aws-sdk/client-kms, JSON 1.1) against
// cloudemu. Run by tests/e2e/run_js.py --script kms.mjs as:
//   node kms.mjs --endpoint http://127.0.0.1:PORT
// What KMS hands out is used outside KMS: a data key encrypts with node:crypto's AES-256-GCM, and
// signatures verify with node:crypto against GetPublicKey's DER SubjectPublicKeyInfo (and with the
// openssl command line when there is one, as kms_boto3.py does).
import { Checks, endpointArg } from "./checks.mjs";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import {
  KMSClient, CreateKeyCommand, DescribeKeyCommand, GenerateDataKeyCommand, EncryptCommand, DecryptCommand,
  SignCommand, VerifyCommand, GetPublicKeyCommand, GenerateMacCommand, VerifyMacCommand, CreateAliasCommand,
  ListAliasesCommand, DeleteAliasCommand, DisableKeyCommand, EnableKeyCommand, ScheduleKeyDeletionCommand,
  CancelKeyDeletionCommand, GenerateDataKeyPairCommand, GenerateDataKeyWithoutPlaintextCommand, GenerateRandomCommand,
  InvalidCiphertextException, DisabledException, KMSInvalidMacException,
  paginateListKeys,
} from "@aws-sdk/client-kms";

const endpoint = endpointArg("kms.mjs");
const checks = new Checks("e2e_kms_js");
const { check, eq, ok } = checks.bound();
const hex = (bytes) => Buffer.from(bytes ?? []).toString("hex");

// Every KMS client fault is an HTTP 400.
const rejects = (label, send, name, message) => checks.rejects(label, send, name, 400, message);

const kms = new KMSClient({
  endpoint, region: "us-east-1", maxAttempts: 1,
  credentials: { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "any-secret" },
});
const ACCOUNT = "000000000000";

// ---- envelope encryption with a data key
let r = await ok("CreateKey", () => kms.send(new CreateKeyCommand({ Description: "js envelope",
  Tags: [{ TagKey: "team", TagValue: "js" }] })));
const meta = r?.KeyMetadata ?? {};
const key = meta.KeyId;
eq(meta.Arn, `arn:aws:kms:us-east-1:${ACCOUNT}:key/${key}`, "KeyMetadata.Arn");
eq([meta.KeySpec, meta.KeyUsage, meta.KeyState, meta.Enabled], ["SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT", "Enabled", true],
  "KeyMetadata spec, usage, state");
check(meta.CreationDate instanceof Date && Math.abs(meta.CreationDate - Date.now()) < 60_000,
  "CreationDate is a Date of now (epoch seconds parsed)", String(meta.CreationDate));

const ctx = { file: "report.pdf", tenant: "t-1" };
const dk = await ok("GenerateDataKey AES_256", () => kms.send(new GenerateDataKeyCommand({
  KeyId: key, KeySpec: "AES_256", EncryptionContext: ctx })));
eq(dk?.Plaintext?.length, 32, "data key length");
eq(dk?.KeyId, meta.Arn, "GenerateDataKey names the key by ARN");
if (dk?.Plaintext) {
  // Encrypt locally with the plaintext data key; keep only the wrapped key next to the data.
  const document = Buffer.from("a secret document, encrypted outside KMS ".repeat(100));
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", dk.Plaintext, iv);
  const sealed = Buffer.concat([cipher.update(document), cipher.final()]);
  const tag = cipher.getAuthTag();
  check(!sealed.equals(document), "the local ciphertext differs from the document");
  const back = await ok("Decrypt the wrapped data key", () => kms.send(new DecryptCommand({
    CiphertextBlob: dk.CiphertextBlob, EncryptionContext: ctx })));
  eq(hex(back?.Plaintext), hex(dk.Plaintext), "the unwrapped data key is the plaintext data key");
  eq([back?.KeyId, back?.EncryptionAlgorithm], [meta.Arn, "SYMMETRIC_DEFAULT"], "Decrypt names the key and algorithm");
  if (back?.Plaintext) {
    let opened = Buffer.alloc(0);
    try {
      const decipher = crypto.createDecipheriv("aes-256-gcm", back.Plaintext, iv);
      decipher.setAuthTag(tag);
      opened = Buffer.concat([decipher.update(sealed), decipher.final()]);
    } catch (e) { check(false, "local AES-256-GCM decryption", String(e)); }
    check(opened.equals(document), "the document decrypts locally with the unwrapped key");
  }
  await rejects("Decrypt the data key with another context", () => kms.send(new DecryptCommand({
    CiphertextBlob: dk.CiphertextBlob, EncryptionContext: { ...ctx, file: "other.pdf" } })), "InvalidCiphertextException");
  await rejects("Decrypt the data key without its context", () => kms.send(new DecryptCommand({
    CiphertextBlob: dk.CiphertextBlob })), "InvalidCiphertextException");
}

// ---- Encrypt/Decrypt with an encryption context
const secret = new TextEncoder().encode("hello kms, from node ✓");
const enc = await ok("Encrypt with a context", () => kms.send(new EncryptCommand({ KeyId: key, Plaintext: secret,
  EncryptionContext: { purpose: "e2e" } })));
check(enc?.CiphertextBlob instanceof Uint8Array && enc.CiphertextBlob.length > secret.length,
  "CiphertextBlob is bytes, longer than the plaintext");
check(!Buffer.from(enc?.CiphertextBlob ?? []).includes(Buffer.from(secret)), "the plaintext is not in the blob");
const enc2 = await ok("Encrypt the same plaintext again", () => kms.send(new EncryptCommand({ KeyId: key, Plaintext: secret,
  EncryptionContext: { purpose: "e2e" } })));
check(hex(enc2?.CiphertextBlob) !== hex(enc?.CiphertextBlob), "each encryption is fresh (random IV)");
let dec = await ok("Decrypt without KeyId", () => kms.send(new DecryptCommand({ CiphertextBlob: enc?.CiphertextBlob,
  EncryptionContext: { purpose: "e2e" } })));
eq(Buffer.from(dec?.Plaintext ?? []).toString("utf8"), "hello kms, from node ✓", "round trip");
let e = await rejects("Decrypt with a mismatched context", () => kms.send(new DecryptCommand({
  CiphertextBlob: enc?.CiphertextBlob, EncryptionContext: { purpose: "other" } })), "InvalidCiphertextException");
check(e instanceof InvalidCiphertextException, "the error is the modeled InvalidCiphertextException class");
const altered = Buffer.from(enc?.CiphertextBlob ?? []);
altered[altered.length - 1] ^= 1;
await rejects("Decrypt an altered blob", () => kms.send(new DecryptCommand({ CiphertextBlob: altered,
  EncryptionContext: { purpose: "e2e" } })), "InvalidCiphertextException");

// ---- signatures, verified outside KMS
const opensslPath = ["/usr/bin/openssl", "/usr/local/bin/openssl"].find((p) => fs.existsSync(p));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ce-e2e-kms-js-"));
function openssl(label, argv) {
  const res = spawnSync(opensslPath, argv, { encoding: "utf8", timeout: 30_000 });
  check(res.status === 0, `openssl ${label}: exit 0`, `exit ${res.status}: ${res.stdout} ${res.stderr}`);
  return res;
}
const message = Buffer.from("sign me, then let node:crypto check it");
for (const [spec, alg, nodeOpts, digest] of [
  ["ECC_NIST_P256", "ECDSA_SHA_256", {}, "sha256"],
  ["RSA_2048", "RSASSA_PKCS1_V1_5_SHA_256", { padding: crypto.constants.RSA_PKCS1_PADDING }, "sha256"],
  // KMS's PSS salt is the hash's length: say so, rather than letting node accept any length.
  ["RSA_2048", "RSASSA_PSS_SHA_256", { padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }, "sha256"],
]) {
  r = await ok(`CreateKey ${spec} SIGN_VERIFY`, () => kms.send(new CreateKeyCommand({ KeySpec: spec, KeyUsage: "SIGN_VERIFY" })));
  const id = r?.KeyMetadata?.KeyId;
  if (!id) continue;
  check((r.KeyMetadata.SigningAlgorithms ?? []).includes(alg), `${spec} lists ${alg}`, JSON.stringify(r.KeyMetadata.SigningAlgorithms));
  const pub = await ok(`GetPublicKey ${spec}`, () => kms.send(new GetPublicKeyCommand({ KeyId: id })));
  eq([pub?.KeySpec, pub?.KeyUsage], [spec, "SIGN_VERIFY"], `GetPublicKey ${spec} spec and usage`);
  const sig = await ok(`Sign ${alg}`, () => kms.send(new SignCommand({ KeyId: id, Message: message, MessageType: "RAW",
    SigningAlgorithm: alg })));
  if (!pub?.PublicKey || !sig?.Signature) continue;
  let publicKey;
  try {
    publicKey = crypto.createPublicKey({ key: Buffer.from(pub.PublicKey), format: "der", type: "spki" });
  } catch (err) { check(false, `${spec}: node reads the DER SPKI`, String(err)); continue; }
  eq(publicKey.asymmetricKeyType, spec.startsWith("ECC") ? "ec" : "rsa", `${spec}: key type`);
  if (spec === "ECC_NIST_P256") eq(publicKey.asymmetricKeyDetails?.namedCurve, "prime256v1", "the P-256 curve");
  else eq(publicKey.asymmetricKeyDetails?.modulusLength, 2048, "a 2048-bit modulus");
  const keyObj = { key: publicKey, ...nodeOpts };
  check(crypto.verify(digest, message, keyObj, Buffer.from(sig.Signature)), `node:crypto verifies ${alg}`);
  check(!crypto.verify(digest, Buffer.concat([message, Buffer.from("!")]), keyObj, Buffer.from(sig.Signature)),
    `node:crypto rejects ${alg} over a changed message`);
  // The same signature over a digest KMS did not compute.
  const hash = crypto.createHash(digest).update(message).digest();
  const dsig = await ok(`Sign ${alg} DIGEST`, () => kms.send(new SignCommand({ KeyId: id, Message: hash, MessageType: "DIGEST",
    SigningAlgorithm: alg })));
  if (dsig?.Signature) check(crypto.verify(digest, message, keyObj, Buffer.from(dsig.Signature)),
    `node:crypto verifies the ${alg} signature of a DIGEST`);
  const v = await ok(`Verify ${alg}`, () => kms.send(new VerifyCommand({ KeyId: id, Message: message,
    Signature: sig.Signature, SigningAlgorithm: alg })));
  eq(v?.SignatureValid, true, `Verify ${alg}: SignatureValid`);
  await rejects(`Verify ${alg} over a changed message`, () => kms.send(new VerifyCommand({ KeyId: id,
    Message: Buffer.concat([message, Buffer.from("!")]), Signature: sig.Signature, SigningAlgorithm: alg })),
  "KMSInvalidSignatureException");
  if (opensslPath) {
    const files = Object.fromEntries(["pub.der", "pub.pem", "sig", "msg", "digest"].map((n) => [n, path.join(tmp, n)]));
    fs.writeFileSync(files["pub.der"], pub.PublicKey);
    fs.writeFileSync(files.sig, sig.Signature);
    fs.writeFileSync(files.msg, message);
    fs.writeFileSync(files.digest, hash);
    openssl(`reads the ${spec} DER SPKI`, ["pkey", "-pubin", "-inform", "DER", "-in", files["pub.der"], "-out", files["pub.pem"]]);
    const res = alg.startsWith("RSASSA_PSS")
      ? openssl(`pkeyutl verifies ${alg}`, ["pkeyutl", "-verify", "-pubin", "-inkey", files["pub.pem"], "-in", files.digest,
        "-sigfile", files.sig, "-pkeyopt", "digest:sha256", "-pkeyopt", "rsa_padding_mode:pss", "-pkeyopt", "rsa_pss_saltlen:32"])
      : openssl(`dgst verifies ${alg}`, ["dgst", "-sha256", "-verify", files["pub.pem"], "-signature", files.sig, files.msg]);
    check(/Verified OK|Signature Verified Successfully/.test(res.stdout ?? ""), `openssl says verified (${alg})`, res.stdout);
  } else {
    console.log(`  skip openssl verification of ${alg}: no openssl binary`);
  }
}
fs.rmSync(tmp, { recursive: true, force: true });

// ---- RSA encryption keys: what node encrypts with the public key, KMS decrypts, and back
for (const [alg, oaepHash] of [["RSAES_OAEP_SHA_256", "sha256"], ["RSAES_OAEP_SHA_1", "sha1"]]) {
  r = await ok(`CreateKey RSA_2048 ENCRYPT_DECRYPT (${alg})`, () => kms.send(new CreateKeyCommand({ KeySpec: "RSA_2048",
    KeyUsage: "ENCRYPT_DECRYPT" })));
  const id = r?.KeyMetadata?.KeyId;
  if (!id) continue;
  eq(r.KeyMetadata.EncryptionAlgorithms, ["RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256"], "RSA_2048 EncryptionAlgorithms");
  const pub = await ok(`GetPublicKey RSA_2048 ENCRYPT_DECRYPT (${alg})`, () => kms.send(new GetPublicKeyCommand({ KeyId: id })));
  if (!pub?.PublicKey) continue;
  eq(pub.EncryptionAlgorithms, ["RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256"], "GetPublicKey EncryptionAlgorithms");
  const publicKey = crypto.createPublicKey({ key: Buffer.from(pub.PublicKey), format: "der", type: "spki" });
  const local = crypto.publicEncrypt({ key: publicKey, padding: crypto.constants.RSA_PKCS1_OAEP_PADDING, oaepHash },
    Buffer.from(`encrypted by node with ${alg}`));
  const d = await ok(`Decrypt node's ${alg} ciphertext`, () => kms.send(new DecryptCommand({ KeyId: id, CiphertextBlob: local,
    EncryptionAlgorithm: alg })));
  eq(Buffer.from(d?.Plaintext ?? []).toString(), `encrypted by node with ${alg}`, `KMS decrypts node's ${alg} ciphertext`);
  const kenc = await ok(`Encrypt ${alg}`, () => kms.send(new EncryptCommand({ KeyId: id, Plaintext: secret, EncryptionAlgorithm: alg })));
  eq(kenc?.CiphertextBlob?.length, 256, `${alg} ciphertext is the modulus length`);
  const back = await ok(`Decrypt ${alg}`, () => kms.send(new DecryptCommand({ KeyId: id, CiphertextBlob: kenc?.CiphertextBlob,
    EncryptionAlgorithm: alg })));
  eq(hex(back?.Plaintext), hex(secret), `${alg} round trip`);
  const limit = alg === "RSAES_OAEP_SHA_256" ? 190 : 214;
  await ok(`Encrypt ${limit} bytes with ${alg}`, () => kms.send(new EncryptCommand({ KeyId: id, Plaintext: Buffer.alloc(limit, 7),
    EncryptionAlgorithm: alg })));
  await rejects(`Encrypt ${limit + 1} bytes with ${alg}`, () => kms.send(new EncryptCommand({ KeyId: id,
    Plaintext: Buffer.alloc(limit + 1, 7), EncryptionAlgorithm: alg })), "ValidationException");
}

// ---- data key pairs: PKCS#8 private and SPKI public keys node can use
for (const spec of ["ECC_NIST_P256", "RSA_2048"]) {
  const pair = await ok(`GenerateDataKeyPair ${spec}`, () => kms.send(new GenerateDataKeyPairCommand({ KeyId: key,
    KeyPairSpec: spec, EncryptionContext: ctx })));
  if (!pair?.PrivateKeyPlaintext) continue;
  eq([pair.KeyPairSpec, pair.KeyId], [spec, meta.Arn], `GenerateDataKeyPair ${spec} answer`);
  let priv, pubk;
  try {
    priv = crypto.createPrivateKey({ key: Buffer.from(pair.PrivateKeyPlaintext), format: "der", type: "pkcs8" });
    pubk = crypto.createPublicKey({ key: Buffer.from(pair.PublicKey), format: "der", type: "spki" });
  } catch (err) { check(false, `${spec}: node reads the PKCS#8 and SPKI keys`, String(err)); continue; }
  eq(crypto.createPublicKey(priv).export({ format: "der", type: "spki" }).toString("hex"), hex(pair.PublicKey),
    `${spec}: the public key is the private key's`);
  const s = crypto.sign("sha256", message, priv);
  check(crypto.verify("sha256", message, pubk, s), `${spec}: a local signature verifies with the pair's public key`);
  const unwrapped = await ok(`Decrypt the ${spec} private key`, () => kms.send(new DecryptCommand({
    CiphertextBlob: pair.PrivateKeyCiphertextBlob, EncryptionContext: ctx })));
  eq(hex(unwrapped?.Plaintext), hex(pair.PrivateKeyPlaintext), `${spec}: the wrapped private key decrypts`);
}
const without = await ok("GenerateDataKeyWithoutPlaintext", () => kms.send(new GenerateDataKeyWithoutPlaintextCommand({
  KeyId: key, NumberOfBytes: 24 })));
eq(without?.Plaintext, undefined, "no Plaintext in GenerateDataKeyWithoutPlaintext");
const unwrapped = await ok("Decrypt that data key", () => kms.send(new DecryptCommand({ CiphertextBlob: without?.CiphertextBlob })));
eq(unwrapped?.Plaintext?.length, 24, "NumberOfBytes 24");
const rnd = await ok("GenerateRandom", () => kms.send(new GenerateRandomCommand({ NumberOfBytes: 64 })));
eq(rnd?.Plaintext?.length, 64, "GenerateRandom length");

// ---- MACs
r = await ok("CreateKey HMAC_256", () => kms.send(new CreateKeyCommand({ KeySpec: "HMAC_256", KeyUsage: "GENERATE_VERIFY_MAC" })));
const macKey = r?.KeyMetadata?.KeyId;
eq(r?.KeyMetadata?.MacAlgorithms, ["HMAC_SHA_256"], "HMAC_256 MacAlgorithms");
const macMessage = Buffer.from("authenticate me");
const mac = await ok("GenerateMac", () => kms.send(new GenerateMacCommand({ KeyId: macKey, Message: macMessage,
  MacAlgorithm: "HMAC_SHA_256" })));
eq([mac?.Mac?.length, mac?.MacAlgorithm, mac?.KeyId], [32, "HMAC_SHA_256", r?.KeyMetadata?.Arn], "GenerateMac answer");
const mac2 = await ok("GenerateMac again", () => kms.send(new GenerateMacCommand({ KeyId: macKey, Message: macMessage,
  MacAlgorithm: "HMAC_SHA_256" })));
eq(hex(mac2?.Mac), hex(mac?.Mac), "an HMAC is deterministic");
const mac3 = await ok("GenerateMac of another message", () => kms.send(new GenerateMacCommand({ KeyId: macKey,
  Message: Buffer.from("something else"), MacAlgorithm: "HMAC_SHA_256" })));
check(mac3?.Mac && hex(mac3.Mac) !== hex(mac?.Mac), "another message, another MAC");
const vm = await ok("VerifyMac", () => kms.send(new VerifyMacCommand({ KeyId: macKey, Message: macMessage,
  MacAlgorithm: "HMAC_SHA_256", Mac: mac?.Mac })));
eq(vm?.MacValid, true, "MacValid");
e = await rejects("VerifyMac of a changed message", () => kms.send(new VerifyMacCommand({ KeyId: macKey,
  Message: Buffer.from("authenticate me!"), MacAlgorithm: "HMAC_SHA_256", Mac: mac?.Mac })), "KMSInvalidMacException");
check(e instanceof KMSInvalidMacException, "the error is the modeled KMSInvalidMacException class");
await rejects("GenerateMac with a symmetric encryption key", () => kms.send(new GenerateMacCommand({ KeyId: key,
  Message: macMessage, MacAlgorithm: "HMAC_SHA_256" })), "InvalidKeyUsageException");

// ---- aliases
const aliasArn = `arn:aws:kms:us-east-1:${ACCOUNT}:alias/js-e2e`;
await ok("CreateAlias", () => kms.send(new CreateAliasCommand({ AliasName: "alias/js-e2e", TargetKeyId: key })));
r = await ok("DescribeKey by alias", () => kms.send(new DescribeKeyCommand({ KeyId: "alias/js-e2e" })));
eq(r?.KeyMetadata?.KeyId, key, "the alias resolves to the key");
const byAlias = await ok("Encrypt by alias ARN", () => kms.send(new EncryptCommand({ KeyId: aliasArn, Plaintext: secret })));
eq(byAlias?.KeyId, meta.Arn, "Encrypt by alias names the key");
dec = await ok("Decrypt what the alias encrypted", () => kms.send(new DecryptCommand({ CiphertextBlob: byAlias?.CiphertextBlob })));
eq(hex(dec?.Plaintext), hex(secret), "alias round trip");
r = await ok("ListAliases for the key", () => kms.send(new ListAliasesCommand({ KeyId: key })));
eq((r?.Aliases ?? []).map((x) => [x.AliasName, x.AliasArn, x.TargetKeyId]), [["alias/js-e2e", aliasArn, key]], "ListAliases");
await rejects("CreateAlias again", () => kms.send(new CreateAliasCommand({ AliasName: "alias/js-e2e", TargetKeyId: key })),
  "AlreadyExistsException", `An alias with the name ${aliasArn} already exists`);
await rejects("CreateAlias without the alias/ prefix", () => kms.send(new CreateAliasCommand({ AliasName: "js-e2e2",
  TargetKeyId: key })), "ValidationException");
await ok("DeleteAlias", () => kms.send(new DeleteAliasCommand({ AliasName: "alias/js-e2e" })));
await rejects("DescribeKey by a deleted alias", () => kms.send(new DescribeKeyCommand({ KeyId: "alias/js-e2e" })),
  "NotFoundException", `Alias '${aliasArn}' is not found.`);

// ---- key states
r = await ok("CreateKey for states", () => kms.send(new CreateKeyCommand({})));
const sk = r?.KeyMetadata?.KeyId;
const skArn = r?.KeyMetadata?.Arn;
await ok("DisableKey", () => kms.send(new DisableKeyCommand({ KeyId: sk })));
r = await ok("DescribeKey disabled", () => kms.send(new DescribeKeyCommand({ KeyId: sk })));
eq([r?.KeyMetadata?.KeyState, r?.KeyMetadata?.Enabled], ["Disabled", false], "a disabled key's state");
e = await rejects("Encrypt with a disabled key", () => kms.send(new EncryptCommand({ KeyId: sk, Plaintext: secret })),
  "DisabledException", `${skArn} is disabled.`);
check(e instanceof DisabledException, "the error is the modeled DisabledException class");
await rejects("GenerateDataKey with a disabled key", () => kms.send(new GenerateDataKeyCommand({ KeyId: sk, KeySpec: "AES_256" })),
  "DisabledException");
await ok("EnableKey", () => kms.send(new EnableKeyCommand({ KeyId: sk })));
await ok("Encrypt again", () => kms.send(new EncryptCommand({ KeyId: sk, Plaintext: secret })));
await rejects("ScheduleKeyDeletion with a 6-day window", () => kms.send(new ScheduleKeyDeletionCommand({ KeyId: sk,
  PendingWindowInDays: 6 })), "ValidationException");
const before = Date.now();
const sched = await ok("ScheduleKeyDeletion", () => kms.send(new ScheduleKeyDeletionCommand({ KeyId: sk, PendingWindowInDays: 7 })));
eq([sched?.KeyId, sched?.KeyState, sched?.PendingWindowInDays], [skArn, "PendingDeletion", 7], "ScheduleKeyDeletion answer");
const week = 7 * 24 * 3600 * 1000;
check(sched?.DeletionDate instanceof Date && Math.abs(sched.DeletionDate - before - week) < 5 * 60_000,
  "DeletionDate is a week from now", String(sched?.DeletionDate));
r = await ok("DescribeKey pending deletion", () => kms.send(new DescribeKeyCommand({ KeyId: sk })));
eq([r?.KeyMetadata?.KeyState, r?.KeyMetadata?.Enabled, r?.KeyMetadata?.DeletionDate?.getTime(), r?.KeyMetadata?.PendingDeletionWindowInDays],
  ["PendingDeletion", false, sched?.DeletionDate?.getTime(), 7], "DescribeKey of a key pending deletion");
await rejects("Encrypt with a key pending deletion", () => kms.send(new EncryptCommand({ KeyId: sk, Plaintext: secret })),
  "KMSInvalidStateException", `${skArn} is pending deletion.`);
await rejects("EnableKey of a key pending deletion", () => kms.send(new EnableKeyCommand({ KeyId: sk })),
  "KMSInvalidStateException");
const cancel = await ok("CancelKeyDeletion", () => kms.send(new CancelKeyDeletionCommand({ KeyId: sk })));
eq(cancel?.KeyId, skArn, "CancelKeyDeletion names the key by ARN");
r = await ok("DescribeKey after cancelling", () => kms.send(new DescribeKeyCommand({ KeyId: sk })));
eq([r?.KeyMetadata?.KeyState, r?.KeyMetadata?.DeletionDate], ["Disabled", undefined], "cancelled: Disabled, no DeletionDate");
const missing = "11111111-2222-4333-8444-555555555555";
await rejects("DescribeKey of a missing key", () => kms.send(new DescribeKeyCommand({ KeyId: missing })), "NotFoundException",
  `Key 'arn:aws:kms:us-east-1:${ACCOUNT}:key/${missing}' does not exist`);

const listed = [];
try {
  for await (const page of paginateListKeys({ client: kms, pageSize: 2 }, {})) listed.push(...(page.Keys ?? []).map((k) => k.KeyId));
} catch (err) { check(false, "paginateListKeys", `${err?.name}: ${err?.message}`); }
check(listed.includes(key) && listed.includes(sk) && new Set(listed).size === listed.length,
  "paginateListKeys (pages of 2) lists every key once", JSON.stringify(listed));
eq(listed.length, 8, "eight keys over all pages");

checks.finish();
