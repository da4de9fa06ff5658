import assert from "node:assert/strict";
import { awsSqsQueueMissingRedrivePolicy as P } from "../../../../policies/aws/sqs/missing-redrive-policy";
import { edit, findings, open, res, UNKNOWN } from "../../support/policy-test";

const ARN = (n: string) => `arn:aws:sqs:eu-west-1:123456789012:${n}`;
const URL = (n: string) => `https://sqs.eu-west-1.amazonaws.com/123456789012/${n}`;
const queue = (name: string, extra: Record<string, unknown> = {}) =>
  res("aws:sqs/queue:Queue", name, extra, {
    outputs: { name, arn: ARN(name), url: URL(name), ...extra },
  });
const redrive = JSON.stringify({ deadLetterTargetArn: ARN("work-dlq"), maxReceiveCount: 5 });
const mapping = (source: string) =>
  res("aws:lambda/eventSourceMapping:EventSourceMapping", "esm", {
    eventSourceArn: ARN(source),
    functionName: "worker",
  });
const baseline = () => [
  queue("work", { redrivePolicy: redrive }),
  queue("work-dlq"),
  mapping("work"),
];

describe("aws-sqs-queue-missing-redrive-policy", () => {
  it("Compliance 1: consumed queue with a redrive policy", async () => {
    assert.deepEqual(open(await findings(P, baseline())), []);
  });

  it("Compliance 2: redrive policy as its own resource", async () => {
    const [, dlq, esm] = baseline();
    const rp = res("aws:sqs/redrivePolicy:RedrivePolicy", "work-redrive", {
      queueUrl: URL("work"),
      redrivePolicy: redrive,
    });
    assert.deepEqual(open(await findings(P, [queue("work"), dlq!, esm!, rp])), []);
  });

  it("Compliance 3: a consumed dead-letter queue needs no redrive policy", async () => {
    const [work, dlq] = baseline();
    assert.deepEqual(open(await findings(P, [work!, dlq!, mapping("work-dlq")])), []);
  });

  it("Compliance 4: queues nobody consumes are out of scope", async () => {
    assert.deepEqual(open(await findings(P, [queue("idle"), mapping("elsewhere")])), []);
  });

  it("Noncompliance 1: consumed queue without a redrive policy", async () => {
    const [work, dlq, esm] = baseline();
    assert.deepEqual(
      open(await findings(P, [edit(work!, { redrivePolicy: undefined }), dlq!, esm!])),
      [
        'work: queue "work" is consumed by Lambda and must have a redrivePolicy to a dead-letter queue, got none.',
      ],
    );
  });

  it("Noncompliance 2: consumed queue found by dependency edge while its ARN is unknown", async () => {
    const work = queue("work");
    const esm = res(
      "aws:lambda/eventSourceMapping:EventSourceMapping",
      "esm",
      { eventSourceArn: UNKNOWN },
      { deps: { eventSourceArn: [work] } },
    );
    assert.equal(open(await findings(P, [work, esm])).length, 1);
  });
});
