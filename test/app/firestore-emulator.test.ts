/**
 * The Firestore tests need Google's emulator installed; on a machine without it they fail and say
 * which package to install, instead of being skipped.
 */
import assert from "node:assert/strict";
import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startFirestoreEmulator } from "./support/firestore-emulator";

describe("the Firestore emulator the tests start", () => {
  it("rejects, naming the Debian package, when its launcher is not installed", async () => {
    const missing = join(mkdtempSync(join(tmpdir(), "eventstack-no-emulator-")), "launcher");
    await assert.rejects(startFirestoreEmulator(missing), (err: Error) => {
      assert.match(err.message, new RegExp(`^${missing} is missing: `));
      assert.match(err.message, /google-cloud-cli-firestore-emulator and a Java runtime/);
      return true;
    });
    assert.equal(process.env.FIRESTORE_EMULATOR_HOST, undefined);
  });

  it("rejects with the launcher's exit code and output, naming the package, when it cannot run", async () => {
    // What the package's launcher prints when no Java runtime is installed.
    const launcher = join(mkdtempSync(join(tmpdir(), "eventstack-broken-emulator-")), "launcher");
    writeFileSync(launcher, "#!/bin/sh\necho 'java: command not found' >&2\nexit 127\n");
    chmodSync(launcher, 0o755);
    await assert.rejects(startFirestoreEmulator(launcher), (err: Error) => {
      assert.match(err.message, /^firestore emulator exited 127 /);
      assert.match(err.message, /google-cloud-cli-firestore-emulator/);
      assert.match(err.message, /java: command not found/);
      return true;
    });
  });
});
