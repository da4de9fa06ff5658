import assert from "node:assert/strict";
import { IMAGE_BUILD, parseConfig } from "../../components/config";
import { loadStackConfig } from "../../policies/offline/stack-file";
import { ofType, plan, PROJECT_DIR } from "../support/plan";
import { T } from "./gcp/plan-helpers";

/** A valid dev/gcp config as the engine passes it, with `image` as given (undefined: unset). */
function imageOf(image: string | undefined): string | undefined {
  const raw: Record<string, string> = {
    "eventstack:cloud": "gcp",
    "eventstack:environment": "dev",
    "eventstack:alertEmail": "oncall@example.com",
    "eventstack:consumers": JSON.stringify([{ name: "orders", eventTypes: ["com.example.a.v1"] }]),
    "gcp:project": "acme-events-dev",
    "gcp:region": "europe-west1",
  };
  if (image !== undefined) raw["eventstack:image"] = image;
  return parseConfig(raw, { stack: "dev" }).image;
}

describe("config model: eventstack:image", () => {
  const prebuilt = "europe-docker.pkg.dev/acme-shared/images/consumer@sha256:" + "b".repeat(64);
  const cases: readonly [string, string | undefined, string | undefined][] = [
    ["unset builds app/", undefined, undefined],
    [`"${IMAGE_BUILD}" builds app/`, IMAGE_BUILD, undefined],
    ["an image reference is deployed as given", prebuilt, prebuilt],
    ["a reference that merely contains build is deployed as given", "build:latest", "build:latest"],
  ];
  for (const [name, value, expected] of cases) {
    it(name, () => assert.equal(imageOf(value), expected));
  }

  it("rejects an empty image, naming the key", () => {
    assert.throws(() => imageOf(""), /eventstack:image/);
  });

  it("is build by default in Pulumi.yaml, so the shipped stacks build app/", () => {
    assert.equal(loadStackConfig(PROJECT_DIR, "dev").config["eventstack:image"], IMAGE_BUILD);
  });

  it("builds and pushes the consumer image when set to build", async function () {
    this.timeout(120_000);
    const p = await plan("dev", { "eventstack:image": IMAGE_BUILD });
    assert.equal(ofType(p, T.image).length, 1);
    assert.equal(ofType(p, T.repository).length, 1);
  });
});
