import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EXIT, main } from "../../../policies/offline/cli";
import { PROJECT_DIR } from "../../support/plan";

const PROJECT_FILE = readFileSync(join(PROJECT_DIR, "Pulumi.yaml"), "utf8");
const DEV_STACK = readFileSync(join(PROJECT_DIR, "Pulumi.dev.yaml"), "utf8");

/** This repository's Pulumi.yaml with `extra` appended to its `config:` block (its last key). */
function projectDeclaring(extra: string, stack = DEV_STACK): string {
  assert.match(PROJECT_FILE, /\nconfig:\n(?:(?: {2}.*)?\n)*$/, "config: is the last key");
  const dir = mkdtempSync(join(tmpdir(), "eventstack-check-config-"));
  writeFileSync(join(dir, "Pulumi.yaml"), PROJECT_FILE + extra);
  writeFileSync(join(dir, "Pulumi.qa.yaml"), stack);
  writeFileSync(
    join(dir, "index.ts"),
    `export = require(${JSON.stringify(join(PROJECT_DIR, "index.ts"))});\n`,
  );
  return dir;
}

/** Runs `check` in-process, capturing what it writes to stderr. */
async function check(argv: string[], dir: string): Promise<{ code: number; stderr: string }> {
  const chunks: string[] = [];
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  }) as typeof process.stderr.write;
  try {
    return { code: await main(argv, dir), stderr: chunks.join("") };
  } finally {
    process.stderr.write = write;
  }
}

describe("check: project config rules", () => {
  it("Noncompliance 1: a key declared without a default that the stack does not set exits 2 with Pulumi's message", async () => {
    const dir = projectDeclaring("  tier:\n    type: string\n    description: Service tier.\n");
    assert.deepEqual(await check(["--stack", "qa"], dir), {
      code: EXIT.usage,
      stderr: "check: Stack 'qa' is missing configuration value 'tier'\n",
    });
  });

  it("Noncompliance 2: a stack value of the wrong declared type exits 2 with Pulumi's message", async () => {
    const stack = DEV_STACK.replace(
      "config:\n",
      "config:\n  eventstack:privateNetworking: sometimes\n",
    );
    const dir = projectDeclaring("", stack);
    assert.deepEqual(await check(["--stack", "qa"], dir), {
      code: EXIT.usage,
      stderr:
        "check: Stack 'qa' with configuration key 'privateNetworking' must be of type 'boolean'\n",
    });
  });
});
