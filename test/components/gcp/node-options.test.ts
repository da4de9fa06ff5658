/**
 * What V8 does with the sample image's `NODE_OPTIONS` (components/gcp/node-options.ts), in real
 * memory cgroups of Cloud Run instance sizes: the behaviour the service's variable relies on,
 * checked against the Node version the project runs rather than taken from the docs. V8's heap
 * limit is its old generation plus three semi-spaces, so the flag raises the limit where V8 would
 * pick smaller semi-spaces, leaves it where V8 picks the same, and lowers it where V8 picks more.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { REPO_ROOT } from "../../../app/build";
import {
  IMAGE_NODE_OPTIONS,
  SEMI_SPACE_MIB,
  sampleNodeOptions,
} from "../../../components/gcp/node-options";
import { imageEnv } from "../../support/image-env";
import { NODE } from "../../support/loader";
import { memoryCgroup } from "../../support/memory-cgroup";

const FLAG = `--max-semi-space-size=${SEMI_SPACE_MIB}`;

/** V8's heap limit in MiB for a process in a `memoryMiB` cgroup, or `undefined` without cgroups. */
function heapLimitMiB(memoryMiB: number, nodeOptions: string): number | undefined {
  const group = memoryCgroup(memoryMiB);
  if ("unavailable" in group) return undefined;
  try {
    const { command, args } = group.wrap(NODE, [
      "-p",
      "require('node:v8').getHeapStatistics().heap_size_limit / 1048576",
    ]);
    const r = spawnSync(command, args, {
      encoding: "utf8",
      env: { PATH: process.env.PATH ?? "", NODE_OPTIONS: nodeOptions },
    });
    assert.equal(r.status, 0, r.stderr);
    return Number(r.stdout.trim());
  } finally {
    group.remove();
  }
}

describe("sample image NODE_OPTIONS against V8's own heap sizing", () => {
  it("puts the image's own options (the Dockerfile's ENV) in front of the flag", () => {
    const env = imageEnv(join(REPO_ROOT, "app", "consumer", "Dockerfile"));
    assert.equal(env.NODE_OPTIONS, IMAGE_NODE_OPTIONS);
    assert.equal(sampleNodeOptions(512), `${IMAGE_NODE_OPTIONS} ${FLAG}`);
  });

  // Where no memory cgroup can be made (no root, no delegation: CI's runners) the cases say why.
  const probe = memoryCgroup(512);
  const unavailable = "unavailable" in probe ? probe.unavailable : undefined;
  if (!("unavailable" in probe)) probe.remove();
  const skipped = unavailable === undefined ? "" : ` (skipped: no memory cgroup, ${unavailable})`;

  // Cloud Run's smallest size; both sides of V8's steps (512/513 MiB, 1 GiB/1025 MiB); 1 GiB
  // (the prod default); sizes where V8 picks more.
  for (const memoryMiB of [512, 513, 520, 1024, 1025, 2048, 4096]) {
    it(`sets the flag at ${memoryMiB} MiB exactly if it enlarges V8's young generation there${skipped}`, function () {
      const own = heapLimitMiB(memoryMiB, IMAGE_NODE_OPTIONS);
      const flagged = heapLimitMiB(memoryMiB, `${IMAGE_NODE_OPTIONS} ${FLAG}`);
      if (own === undefined || flagged === undefined) this.skip();
      const set = sampleNodeOptions(memoryMiB) !== undefined;
      assert.equal(
        set,
        flagged > own,
        `${memoryMiB} MiB: heap limit ${own} MiB by default, ${flagged} MiB with ${FLAG}; service sets the flag: ${set}`,
      );
    });
  }
});
