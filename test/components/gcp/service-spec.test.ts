import assert from "node:assert/strict";
import type { ConsumerConfig } from "../../../components/config";
import {
  cpuForMemory,
  serviceTemplate,
  type TemplateRefs,
} from "../../../components/gcp/service-spec";

const consumer: ConsumerConfig = {
  name: "orders",
  eventTypes: ["com.example.order.placed.v1"],
  minInstances: 1,
  maxInstances: 30,
  concurrency: 40,
  memoryMb: 1024,
  timeoutSeconds: 120,
  reservedConcurrency: 10,
  maxDeliveryAttempts: 5,
  maxEventAgeSeconds: 3600,
  secret: "orders-api-key",
  code: { kind: "sample" },
  env: {},
};

const refs: TemplateRefs<string> = {
  image: "europe-west1-docker.pkg.dev/p/r/consumer:latest@sha256:abc",
  imageBuiltFromApp: true,
  serviceAccount: "orders-run@p.iam.gserviceaccount.com",
  audience: "https://svc-1.europe-west1.run.app",
  pushServiceAccount: "orders-push@p.iam.gserviceaccount.com",
  authMode: "oidc",
  secret: { secret: "eventstack-dev-orders-api-key", version: "3" },
  vpc: undefined,
};

describe("gcp service spec", () => {
  describe("cpuForMemory gives the smallest CPU count Cloud Run allows", () => {
    const cases: [number, string][] = [
      [512, "1"],
      [4096, "1"],
      [4097, "2"],
      [8192, "2"],
      [12288, "4"],
      [16385, "6"],
      [32768, "8"],
    ];
    for (const [mb, cpu] of cases)
      it(`${mb} MB → ${cpu} CPU`, () => assert.equal(cpuForMemory(mb), cpu));

    it("refuses more than Cloud Run's 32 GiB", () => {
      assert.throws(() => cpuForMemory(32769), /at most 32768 MB/);
    });
  });

  it("runs as the runtime identity with the configured scaling, concurrency and timeout", () => {
    const t = serviceTemplate(consumer, "p", { consumer: "orders" }, refs);
    assert.equal(t.serviceAccount, "orders-run@p.iam.gserviceaccount.com");
    assert.deepEqual(t.scaling, { minInstanceCount: 1, maxInstanceCount: 30 });
    assert.equal(t.maxInstanceRequestConcurrency, 40);
    assert.equal(t.timeout, "120s");
    assert.deepEqual(t.labels, { consumer: "orders" });
  });

  it("boosts startup CPU and probes the health endpoint", () => {
    const [c] = serviceTemplate(consumer, "p", {}, refs).containers;
    assert.deepEqual(c?.resources, {
      limits: { cpu: "1", memory: "1024Mi" },
      cpuIdle: true,
      startupCpuBoost: true,
    });
    assert.deepEqual(c?.ports, { name: "http1", containerPort: 8080 });
    assert.deepEqual(c?.startupProbe.httpGet, { path: "/health", port: 8080 });
    assert.deepEqual(c?.livenessProbe.httpGet, { path: "/health", port: 8080 });
  });

  it("sets the environment the app reads, the secret from Secret Manager", () => {
    const [c] = serviceTemplate(consumer, "acme-events-dev", {}, refs).containers;
    assert.deepEqual(c?.envs, [
      { name: "CONSUMER_NAME", value: "orders" },
      { name: "LOG_LEVEL", value: "info" },
      { name: "AUTH_MODE", value: "oidc" },
      { name: "OIDC_AUDIENCE", value: "https://svc-1.europe-west1.run.app" },
      { name: "PUSH_SERVICE_ACCOUNT_EMAIL", value: "orders-push@p.iam.gserviceaccount.com" },
      { name: "GOOGLE_CLOUD_PROJECT", value: "acme-events-dev" },
      {
        name: "BACKEND_API_KEY",
        valueSource: {
          secretKeyRef: { secret: "eventstack-dev-orders-api-key", version: "3" },
        },
      },
    ]);
  });

  describe("sizes the sample image's young generation for the instance (node-options.ts)", () => {
    const nodeOptions = (c: ConsumerConfig): string | undefined =>
      serviceTemplate(c, "p", {}, refs).containers[0]?.envs.find((e) => e.name === "NODE_OPTIONS")
        ?.value;

    it("a 512 MiB sample instance gets 16 MiB semi-spaces beside the image's own options", () => {
      assert.equal(
        nodeOptions({ ...consumer, memoryMb: 512 }),
        "--enable-source-maps --max-semi-space-size=16",
      );
    });

    it("a larger instance keeps the image's ENV and V8's own choice", () => {
      assert.equal(nodeOptions({ ...consumer, memoryMb: 513 }), undefined);
      assert.equal(nodeOptions({ ...consumer, memoryMb: 640 }), undefined);
      assert.equal(nodeOptions(consumer), undefined);
      assert.equal(nodeOptions({ ...consumer, memoryMb: 4096 }), undefined);
    });

    it("is the last variable, so adding or dropping it shifts no other entry", () => {
      const envs = serviceTemplate({ ...consumer, memoryMb: 512 }, "p", {}, refs).containers[0]
        ?.envs;
      assert.equal(envs?.at(-1)?.name, "NODE_OPTIONS");
      assert.deepEqual(
        envs?.slice(0, -1),
        serviceTemplate(consumer, "p", {}, refs).containers[0]?.envs,
      );
    });

    it("a prebuilt eventstack:image keeps its own NODE_OPTIONS: it may be any image", () => {
      const [c] = serviceTemplate(
        { ...consumer, memoryMb: 512 },
        "p",
        {},
        { ...refs, imageBuiltFromApp: false },
      ).containers;
      assert.deepEqual(
        c?.envs.filter((e) => e.name === "NODE_OPTIONS"),
        [],
      );
    });

    it("a team's own image keeps its own NODE_OPTIONS, whatever its memory", () => {
      const image = "europe-docker.pkg.dev/p/r/own@sha256:" + "a".repeat(64);
      assert.equal(
        nodeOptions({ ...consumer, memoryMb: 512, code: { kind: "image", image } }),
        undefined,
      );
      assert.equal(
        nodeOptions({
          ...consumer,
          memoryMb: 512,
          code: { kind: "build", context: "teams/orders", dockerfile: "teams/orders/Dockerfile" },
        }),
        undefined,
      );
    });
  });

  it("sets no secret variable for a consumer without a secret", () => {
    const [c] = serviceTemplate(consumer, "p", {}, { ...refs, secret: undefined }).containers;
    assert.ok(!c?.envs.some((e) => e.name === "BACKEND_API_KEY"));
  });

  it("sends only private ranges through the VPC when one is given", () => {
    assert.equal("vpcAccess" in serviceTemplate(consumer, "p", {}, refs), false);
    const t = serviceTemplate(
      consumer,
      "p",
      {},
      { ...refs, vpc: { network: "net", subnetwork: "sub" } },
    );
    assert.deepEqual(t.vpcAccess, {
      egress: "PRIVATE_RANGES_ONLY",
      networkInterfaces: [{ network: "net", subnetwork: "sub" }],
    });
  });
});
