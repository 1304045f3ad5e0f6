// What every JS e2e script shares: the --endpoint argument and ok/FAIL bookkeeping that ends with
// the plain "N passed, N failed" line ctest and CI read.
export function endpointArg(script) {
  const endpoint = process.argv[process.argv.indexOf("--endpoint") + 1];
  if (!endpoint || !endpoint.startsWith("http")) {
    console.error(`usage: node ${script} --endpoint http://127.0.0.1:PORT`);
    process.exit(2);
  }
  return endpoint;
}

export class Checks {
  constructor(name) {
    this.name = name;
    this.passed = 0;
    this.failed = [];
  }
  check(cond, what, detail = "") {
    if (cond) { this.passed++; console.log(`  ok   ${what}`); }
    else { this.failed.push(what); console.log(`  FAIL ${what}${detail ? ": " + detail : ""}`); }
    return cond;
  }
  /** JSON equality, the usual assertion. */
  eq(actual, expected, what) {
    return this.check(JSON.stringify(actual) === JSON.stringify(expected),
      `${what} === ${JSON.stringify(expected)}`, `got ${JSON.stringify(actual)}`);
  }
  /** A call that must succeed: its result, or undefined after a FAIL. */
  async ok(label, send) {
    try {
      const r = await send();
      this.check(true, `${label}: succeeds`);
      return r;
    } catch (e) {
      this.check(false, `${label}: succeeds`, `${e?.name}: ${e?.message} (${JSON.stringify(e?.$metadata)})`);
      return undefined;
    }
  }
  /** A call that must reject with this error name and HTTP status (and message, when given). */
  async rejects(label, send, name, status, message) {
    try {
      await send();
      this.check(false, `${label}: rejects with ${name}`, "the call succeeded");
      return undefined;
    } catch (e) {
      const good = e?.name === name && e?.$metadata?.httpStatusCode === status
        && (message === undefined || e?.message === message);
      this.check(good, `${label}: rejects with ${name} (${status})${message === undefined ? "" : ` "${message}"`}`,
        `got ${e?.name} (${e?.$metadata?.httpStatusCode}): ${e?.message}`);
      return e;
    }
  }
  /** The assertions bound to this run: const { check, eq, ok, rejects } = checks.bound(); */
  bound() {
    return { check: this.check.bind(this), eq: this.eq.bind(this), ok: this.ok.bind(this),
      rejects: this.rejects.bind(this) };
  }
  finish() {
    console.log(`${this.name} (node): ${this.passed} passed, ${this.failed.length} failed`);
    for (const f of this.failed) console.error(`  failed: ${f}`);
    process.exit(this.failed.length ? 1 : 0);
  }
}
