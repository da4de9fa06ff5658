import assert from "node:assert/strict";
import { labelLimits } from "../../../policies/deployability/rules/label-limits";
import { res, run, via } from "./support";

const labels = (n: number) =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, "v"]));
const awsProvider = (n: number) =>
  res("pulumi:providers:aws", "eventstack-aws", {
    region: "eu-west-1",
    // The engine hands provider inputs over as JSON text for nested values.
    defaultTags: JSON.stringify({ tags: labels(n) }),
  });

describe("deployability-label-limits", () => {
  it("Noncompliance 1: a GCP topic with 64 labels of its own (the provider adds goog-pulumi-provisioned)", () => {
    const topic = res("gcp:pubsub/topic:Topic", "t", { name: "t", labels: labels(64) });
    const [msg] = run(labelLimits, [topic]);
    assert.match(
      msg ?? "",
      /would hold 65 labels \(64 of its own, goog-pulumi-provisioned\); Google allows at most 64/,
    );
  });

  it("Compliance 1: a GCP topic with 63 labels of its own", () => {
    const topic = res("gcp:pubsub/topic:Topic", "t", { name: "t", labels: labels(63) });
    assert.deepEqual(run(labelLimits, [topic]), []);
  });

  it("Noncompliance 2: an AWS queue with no tags of its own, whose provider adds 51", () => {
    const provider = awsProvider(51);
    const queue = via(res("aws:sqs/queue:Queue", "q", { name: "q" }), provider);
    const [msg] = run(labelLimits, [provider, queue]);
    assert.match(
      msg ?? "",
      /would carry 51 tags \(0 of its own, 51 provider default tags\); AWS allows at most 50/,
    );
  });

  it("Compliance 2: an AWS function with 45 default tags and 5 of its own", () => {
    const provider = awsProvider(45);
    const fn = via(
      res("aws:lambda/function:Function", "f", {
        name: "f",
        tags: { a: "1", b: "2", c: "3", d: "4", e: "5" },
      }),
      provider,
    );
    assert.deepEqual(run(labelLimits, [provider, fn]), []);
  });

  it("Noncompliance 3: a label key with an upper-case letter and a tag key starting with aws:", () => {
    const topic = res("gcp:pubsub/topic:Topic", "t", { name: "t", labels: { Team: "x" } });
    const queue = res("aws:sqs/queue:Queue", "q", { name: "q", tags: { "aws:team": "x" } });
    const found = run(labelLimits, [topic, queue]);
    assert.equal(found.length, 2);
  });

  it("Compliance 3: a notification channel's labels are its settings, not resource labels", () => {
    const channel = res("gcp:monitoring/notificationChannel:NotificationChannel", "c", {
      type: "email",
      labels: { email_address: "platform-oncall@example.com" },
      userLabels: { team: "platform" },
    });
    assert.deepEqual(run(labelLimits, [channel]), []);
  });
});
