import assert from "node:assert/strict";
import type { ConsumerConfig } from "../../../components/config";
import {
  deliveryPolicy,
  eventPattern,
  eventPatternProblem,
  RULE_LIMITS,
  ruleDescription,
} from "../../../components/aws/delivery";

const consumer = (maxDeliveryAttempts: number, maxEventAgeSeconds: number): ConsumerConfig => ({
  name: "orders",
  eventTypes: ["com.example.order.placed.v1"],
  minInstances: 0,
  maxInstances: 100,
  concurrency: 80,
  memoryMb: 1024,
  timeoutSeconds: 300,
  reservedConcurrency: 100,
  maxDeliveryAttempts,
  maxEventAgeSeconds,
  secret: undefined,
  code: { kind: "sample" },
  env: {},
});

describe("aws delivery", () => {
  it("selects the consumer's event types by detail-type, and nothing else", () => {
    assert.equal(
      eventPattern(["com.example.order.placed.v1", "com.example.order.cancelled.v1"]),
      '{"detail-type":["com.example.order.placed.v1","com.example.order.cancelled.v1"]}',
    );
  });

  it("lists the event types in the rule's description while they fit EventBridge's 512 characters", () => {
    assert.equal(
      ruleDescription("orders", ["com.example.order.placed.v1", "com.example.order.cancelled.v1"]),
      "Events for consumer orders: com.example.order.placed.v1, com.example.order.cancelled.v1",
    );
  });

  it("names only how many types a consumer selects when listing 20 of them would pass 512 characters", () => {
    const types = Array.from({ length: 20 }, (_, i) => `com.example.order.event${i + 10}.v1`);
    assert.ok(`Events for consumer orders: ${types.join(", ")}`.length > RULE_LIMITS.description);
    assert.equal(
      ruleDescription("orders", types),
      "Events for consumer orders: 20 CloudEvents types (see the event pattern)",
    );
  });

  it("accepts 20 realistic event types in one pattern, and names a pattern over EventBridge's 4096 characters", () => {
    const types = Array.from({ length: 20 }, (_, i) => `com.example.order.event${i + 10}.v1`);
    assert.equal(eventPatternProblem("orders", types), undefined);
    const long = Array.from({ length: 20 }, (_, i) => `com.example.${"x".repeat(200)}.t${i}.v1`);
    assert.match(
      eventPatternProblem("orders", long) ?? "",
      /^the 20 event types of consumer orders make a \d+-character EventBridge event pattern; EventBridge allows 4096/,
    );
  });

  // Before: the handler hop was Lambda's async retries, capped at 2 whatever the setting said.
  const cases: {
    attempts: number;
    age: number;
    reserved: number | undefined;
    max: number | undefined;
  }[] = [
    { attempts: 5, age: 3600, reserved: undefined, max: undefined },
    { attempts: 10, age: 21600, reserved: 100, max: 100 },
    { attempts: 100, age: 60, reserved: 1, max: undefined },
  ];
  for (const { attempts, age, reserved, max } of cases) {
    it(`dead-letters after exactly ${attempts} handler attempts (the queue's maxReceiveCount), EventBridge retrying ${attempts - 1} times within ${age} s`, () => {
      const c = { ...consumer(attempts, age), reservedConcurrency: reserved };
      assert.deepEqual(deliveryPolicy(c), {
        target: { maximumRetryAttempts: attempts - 1, maximumEventAgeInSeconds: age },
        queue: {
          maxReceiveCount: attempts,
          visibilityTimeoutSeconds: 6 * 300,
          messageRetentionSeconds: 14 * 24 * 3600,
        },
        maximumConcurrency: max,
        retryWindowSeconds: (attempts - 1) * 6 * 300,
      });
    });
  }

  it("retries within SQS's retention for every allowed setting, leaving dead letters a week in their queue", () => {
    const worst = { ...consumer(100, 21600), timeoutSeconds: 900 };
    const p = deliveryPolicy(worst);
    assert.ok(p.queue.visibilityTimeoutSeconds <= 12 * 3600, "SQS's maximum visibility timeout");
    assert.ok(p.queue.messageRetentionSeconds - p.retryWindowSeconds >= 7 * 24 * 3600);
  });
});
