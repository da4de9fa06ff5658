import assert from "node:assert/strict";
import { createQueueHandler } from "../../../app/lambda/queue-handler";

const context = { awsRequestId: "c0ffee00-0000-4000-a000-000000000001" };
const record = (messageId: string, body: string) => ({
  messageId,
  receiptHandle: `rh-${messageId}`,
  body,
  attributes: { ApproximateReceiveCount: "1" },
  messageAttributes: {},
  md5OfBody: "",
  eventSource: "aws:sqs",
  eventSourceARN: "arn:aws:sqs:eu-west-1:123456789012:eventstack-prod-orders-queue",
  awsRegion: "eu-west-1",
});

describe("lambda SQS batch handler", () => {
  it("returns only the failed records, including bodies that are not JSON, for SQS to retry", async () => {
    const seen: unknown[] = [];
    const failed: string[] = [];
    const handler = createQueueHandler(
      async (event) => {
        seen.push(event);
        if ((event as { id?: string }).id === "bad") throw new Error("backend refused");
        return { outcome: "processed" } as never;
      },
      (id) => failed.push(id),
    );
    const result = await handler(
      {
        Records: [
          record("m-1", JSON.stringify({ id: "good" })),
          record("m-2", JSON.stringify({ id: "bad" })),
          record("m-3", "not json"),
        ],
      },
      context,
    );
    assert.deepEqual(result, {
      batchItemFailures: [{ itemIdentifier: "m-2" }, { itemIdentifier: "m-3" }],
    });
    assert.deepEqual(failed, ["m-2", "m-3"]);
    assert.deepEqual(seen, [{ id: "good" }, { id: "bad" }]);
  });

  it("throws for input that is not an SQS batch, so nothing is acknowledged", async () => {
    const handler = createQueueHandler(
      async () => ({}) as never,
      () => undefined,
    );
    await assert.rejects(handler({ Records: [{ messageId: "m-1" }] }, context), /not an SQS batch/);
    await assert.rejects(handler({}, context), /not an SQS batch: Records/);
  });
});
