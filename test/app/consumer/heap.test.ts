import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { REPO_ROOT } from "../../../app/build";
import { imageEnv } from "../../support/image-env";
import { NODE } from "../../support/loader";
import { memoryCgroup } from "../../support/memory-cgroup";

/** Allocates a million short-lived arrays and objects and prints how many scavenges that took. */
const SCAVENGES = `
const { PerformanceObserver, constants } = require("node:perf_hooks");
let minor = 0;
const obs = new PerformanceObserver((list) => {
  for (const e of list.getEntries()) if (e.detail.kind === constants.NODE_PERFORMANCE_GC_MINOR) minor++;
});
obs.observe({ entryTypes: ["gc"] });
let keep = 0;
for (let i = 0; i < 1_000_000; i++) keep += [i, { n: i, s: "x" + i }, i * 2].length;
setTimeout(() => { obs.disconnect(); console.log(JSON.stringify({ minor, keep })); }, 50);
`;

function scavenges(limitMiB: number, nodeOptions: string): number | undefined {
  const group = memoryCgroup(limitMiB);
  if ("unavailable" in group) return undefined;
  try {
    const { command, args } = group.wrap(NODE, ["-e", SCAVENGES]);
    const r = spawnSync(command, args, {
      encoding: "utf8",
      env: { PATH: process.env.PATH ?? "", NODE_OPTIONS: nodeOptions },
    });
    assert.equal(r.status, 0, r.stderr);
    return (JSON.parse(r.stdout) as { minor: number }).minor;
  } finally {
    group.remove();
  }
}

describe("consumer image: V8's young generation at Cloud Run's smallest instance", function () {
  this.timeout(30_000);

  it("with the image's NODE_OPTIONS, a 512 MiB instance scavenges short-lived garbage as a 1 GiB one does, not three times as often", function () {
    const options = imageEnv(join(REPO_ROOT, "app", "consumer", "Dockerfile")).NODE_OPTIONS ?? "";
    const image512 = scavenges(512, options);
    const default512 = scavenges(512, "");
    const default1024 = scavenges(1024, "");
    if (image512 === undefined || default512 === undefined || default1024 === undefined) {
      this.skip();
    }
    // V8 gives a 512 MiB process a 1 MiB semi-space (77 scavenges here, against 20 at 1 GiB).
    assert.ok(
      image512 <= default1024 * 1.25,
      `image at 512 MiB: ${image512}, 1 GiB: ${default1024}`,
    );
    assert.ok(default512 >= 2 * image512, `defaults at 512 MiB: ${default512}, image: ${image512}`);
  });
});
