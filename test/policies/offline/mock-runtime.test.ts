import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import {
  installMockRuntime,
  runProgram,
  SECRET_PLACEHOLDER,
} from "../../../policies/offline/mock-runtime";

const CONFIG = {
  "gcp:project": "acme-events-dev",
  "gcp:region": "europe-west1",
  "aws:region": "eu-west-1",
};

class Box extends pulumi.ComponentResource {
  constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
    super("test:index:Box", name, {}, opts);
    this.registerOutputs({ ready: true });
  }
}

describe("mock runtime", () => {
  it("records type, name, parent, inputs, outputs and dependencies like the engine", async () => {
    const runtime = await installMockRuntime({ project: "shop", stack: "dev", config: CONFIG });
    await runProgram(async () => {
      const gcp = await import("@pulumi/gcp");
      const box = new Box("box");
      const topic = new gcp.pubsub.Topic("events", { name: "events" }, { parent: box });
      new gcp.pubsub.Subscription("events-sub", { topic: topic.id }, { parent: box });
      return { topicId: topic.id };
    });
    const [stack, box, topic, sub] = runtime.resources;
    assert.equal(stack?.type, "pulumi:pulumi:Stack");
    assert.equal(stack?.urn, "urn:pulumi:dev::shop::pulumi:pulumi:Stack::shop-dev");
    assert.equal(box?.parent, stack?.urn);
    assert.equal(box?.custom, false);
    assert.deepEqual(box?.outputs, { ready: true });
    assert.equal(box?.urn, "urn:pulumi:dev::shop::test:index:Box::box");
    assert.equal(topic?.parent, box?.urn);
    assert.equal(topic?.urn, "urn:pulumi:dev::shop::test:index:Box$gcp:pubsub/topic:Topic::events");
    assert.equal(topic?.id, "projects/acme-events-dev/topics/events");
    assert.deepEqual(sub?.inputs.topic, "projects/acme-events-dev/topics/events");
    assert.deepEqual(sub?.dependencies, [topic?.urn]);
    assert.deepEqual(stack?.outputs, { topicId: "projects/acme-events-dev/topics/events" });
  });

  it("names nested resources with the whole parent type chain, as the engine does", async () => {
    const runtime = await installMockRuntime({ project: "shop", stack: "dev", config: CONFIG });
    await runProgram(async () => {
      const gcp = await import("@pulumi/gcp");
      const outer = new Box("outer");
      const inner = new Box("inner", { parent: outer });
      new gcp.pubsub.Topic("t", {}, { parent: inner });
      return {};
    });
    assert.equal(
      runtime.ofType("gcp:pubsub/topic:Topic")[0]?.urn,
      "urn:pulumi:dev::shop::test:index:Box$test:index:Box$gcp:pubsub/topic:Topic::t",
    );
  });

  it("returns realistic AWS identifiers derived from the name", async () => {
    const runtime = await installMockRuntime({ project: "shop", stack: "prod", config: CONFIG });
    await runProgram(async () => {
      const aws = await import("@pulumi/aws");
      new aws.sqs.Queue("dlq", { name: "orders-dlq" });
      return {};
    });
    const queue = runtime.ofType("aws:sqs/queue:Queue")[0];
    assert.equal(queue?.id, "https://sqs.eu-west-1.amazonaws.com/123456789012/orders-dlq");
    assert.equal(queue?.outputs.arn, "arn:aws:sqs:eu-west-1:123456789012:orders-dlq");
  });

  it("redacts secret inputs", async () => {
    const runtime = await installMockRuntime({ project: "shop", stack: "dev", config: CONFIG });
    await runProgram(async () => {
      const gcp = await import("@pulumi/gcp");
      new gcp.secretmanager.SecretVersion("v", {
        secret: "s",
        secretData: pulumi.secret("hunter2"),
      });
      return {};
    });
    const version = runtime.ofType("gcp:secretmanager/secretVersion:SecretVersion")[0];
    assert.equal(version?.inputs.secretData, SECRET_PLACEHOLDER);
    assert.ok(!JSON.stringify(runtime.resources).includes("hunter2"));
  });

  it("fails loudly on an invoke it does not mock", async () => {
    await installMockRuntime({ project: "shop", stack: "dev", config: CONFIG });
    await assert.rejects(
      runProgram(async () => {
        const gcp = await import("@pulumi/gcp");
        await gcp.compute.getNetwork({ name: "default" });
        return {};
      }),
      /invoke gcp:compute\/getNetwork:getNetwork is not mocked/,
    );
  });

  it("applies config through the runtime config API", async () => {
    await installMockRuntime({
      project: "shop",
      stack: "dev",
      config: { ...CONFIG, "shop:size": "3" },
    });
    assert.equal(new pulumi.Config("shop").requireNumber("size"), 3);
  });
});
