import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { NODE } from "./loader";
import { memoryCgroup, memoryCgroups } from "./memory-cgroup";

describe("memoryCgroup (instance-sized memory limits for child processes)", () => {
  it("runs a process under the limit, as Node sees it, and removes the group", function () {
    const group = memoryCgroup(512);
    if ("unavailable" in group) this.skip();
    try {
      const { command, args } = group.wrap(NODE, [
        "-e",
        "console.log(process.constrainedMemory() / 1048576)",
      ]);
      const r = spawnSync(command, args, { encoding: "utf8" });
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stdout.trim(), "512");
    } finally {
      group.remove();
    }
    assert.equal(existsSync(group.dir), false);
  });

  it("makes groups for processes compared under one limit all at once, each its own", function () {
    const groups = memoryCgroups(2, 512);
    if ("unavailable" in groups) this.skip();
    assert.equal(groups.length, 2);
    assert.notEqual(groups[0]?.dir, groups[1]?.dir);
    for (const g of groups) g.remove();
    assert.ok(groups.every((g) => !existsSync(g.dir)));
  });
});
