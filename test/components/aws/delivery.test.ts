import assert from "node:assert/strict";
import type { ConsumerConfig } from "../../../components/config";
import { deliveryPolicy, eventPattern } from "../../../components/aws/delivery";

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
});

describe("aws delivery", () => {
  it("selects the consumer's event types by detail-type, and nothing else", () => {
    assert.equal(
      eventPattern(["com.example.order.placed.v1", "com.example.order.cancelled.v1"]),
      '{"detail-type":["com.example.order.placed.v1","com.example.order.cancelled.v1"]}',
    );
  });

  const cases: { attempts: number; age: number; target: number; invoke: number }[] = [
    { attempts: 5, age: 3600, target: 4, invoke: 2 },
    { attempts: 10, age: 21600, target: 9, invoke: 2 },
    { attempts: 100, age: 60, target: 99, invoke: 2 },
  ];
  for (const { attempts, age, target, invoke } of cases) {
    it(`maps ${attempts} delivery attempts within ${age} s to ${target} rule retries and ${invoke} Lambda retries (Lambda's maximum)`, () => {
      assert.deepEqual(deliveryPolicy(consumer(attempts, age)), {
        target: { maximumRetryAttempts: target, maximumEventAgeInSeconds: age },
        invoke: { maximumRetryAttempts: invoke, maximumEventAgeInSeconds: age },
      });
    });
  }
});
