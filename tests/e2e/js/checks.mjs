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
  finish() {
    console.log(`${this.name} (node): ${this.passed} passed, ${this.failed.length} failed`);
    for (const f of this.failed) console.error(`  failed: ${f}`);
    process.exit(this.failed.length ? 1 : 0);
  }
}
