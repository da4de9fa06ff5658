import assert from "node:assert/strict";
import { ConfigError } from "../../components/config-errors";
import { parseConfig, type ConsumerConfig } from "../../components/config";

const DIGEST = "a".repeat(64);
const GCP_IMAGE = `europe-docker.pkg.dev/acme-shared/teams/audit@sha256:${DIGEST}`;
const ECR = `123456789012.dkr.ecr.eu-west-1.amazonaws.com/teams/audit@sha256:${DIGEST}`;

/** One consumer with `extra` fields on `cloud`, as the engine passes the config. */
function raw(cloud: "gcp" | "aws", extra: Record<string, unknown>): Record<string, string> {
  return {
    "eventstack:cloud": cloud,
    "eventstack:environment": "dev",
    "eventstack:alertEmail": "oncall@example.com",
    "eventstack:consumers": JSON.stringify([
      { name: "audit", eventTypes: ["com.example.order.placed.v1"], ...extra },
    ]),
    "gcp:project": "acme-events-dev",
    "gcp:region": "europe-west1",
    "aws:region": "eu-west-1",
  };
}

function consumer(
  cloud: "gcp" | "aws",
  extra: Record<string, unknown>,
  secretKeys: string[] = [],
): ConsumerConfig {
  const cfg = parseConfig(raw(cloud, extra), { stack: "dev", secretKeys });
  const first = cfg.consumers[0];
  assert.ok(first !== undefined);
  return first;
}

function problems(
  cloud: "gcp" | "aws",
  extra: Record<string, unknown>,
  secretKeys: string[] = [],
): string[] {
  try {
    consumer(cloud, extra, secretKeys);
  } catch (err) {
    assert.ok(err instanceof ConfigError, `expected ConfigError, got ${String(err)}`);
    return err.problems.map((p) => p.message);
  }
  assert.fail("config was accepted");
}

describe("config model: a consumer's own code", () => {
  const accepted: readonly [string, "gcp" | "aws", unknown, ConsumerConfig["code"]][] = [
    ["no code runs the sample (gcp)", "gcp", undefined, { kind: "sample" }],
    ["no code runs the sample (aws)", "aws", undefined, { kind: "sample" }],
    [
      "a digest-pinned image (gcp)",
      "gcp",
      { image: GCP_IMAGE },
      { kind: "image", image: GCP_IMAGE },
    ],
    [
      "a build context and Dockerfile (gcp)",
      "gcp",
      { context: ".", dockerfile: "app/audit/Dockerfile" },
      { kind: "build", context: ".", dockerfile: "app/audit/Dockerfile" },
    ],
    [
      "a directory and handler (aws)",
      "aws",
      { directory: "dist/audit-lambda", handler: "index.queueHandler" },
      { kind: "bundle", directory: "dist/audit-lambda", handler: "index.queueHandler" },
    ],
    ["an ECR image pinned by digest (aws)", "aws", { image: ECR }, { kind: "image", image: ECR }],
  ];
  for (const [what, cloud, code, expected] of accepted) {
    it(`accepts ${what}`, () => {
      assert.deepEqual(consumer(cloud, code === undefined ? {} : { code }).code, expected);
    });
  }

  const refused: readonly [string, "gcp" | "aws", unknown, string][] = [
    [
      "a tag instead of a digest (gcp)",
      "gcp",
      { image: "europe-docker.pkg.dev/acme/teams/audit:latest" },
      'eventstack:consumers[0].code.image must be an image pinned by digest (<registry>/<path>@sha256:<64 hex>), got "europe-docker.pkg.dev/acme/teams/audit:latest"',
    ],
    [
      "an image outside ECR (aws)",
      "aws",
      { image: GCP_IMAGE },
      `eventstack:consumers[0].code.image must be an ECR image pinned by digest (<account>.dkr.ecr.<region>.amazonaws.com/<repo>@sha256:<64 hex>; Lambda runs images from ECR only), got "${GCP_IMAGE}"`,
    ],
    [
      "a Lambda bundle on gcp",
      "gcp",
      { directory: "dist/audit-lambda", handler: "index.handler" },
      'eventstack:consumers[0].code must be either { image: "<registry>/<path>@sha256:<digest>" } or { context, dockerfile } on gcp, got the field(s) directory, handler',
    ],
    [
      "a Docker build on aws",
      "aws",
      { context: ".", dockerfile: "app/audit/Dockerfile" },
      'eventstack:consumers[0].code must be either { directory, handler } or { image: "<account>.dkr.ecr.<region>.amazonaws.com/<repo>@sha256:<digest>" } on aws, got the field(s) context, dockerfile',
    ],
    [
      "two forms at once",
      "gcp",
      { image: GCP_IMAGE, context: ".", dockerfile: "Dockerfile" },
      'eventstack:consumers[0].code must be either { image: "<registry>/<path>@sha256:<digest>" } or { context, dockerfile } on gcp, got the field(s) image, context, dockerfile',
    ],
    [
      "an empty code object",
      "aws",
      {},
      'eventstack:consumers[0].code must be either { directory, handler } or { image: "<account>.dkr.ecr.<region>.amazonaws.com/<repo>@sha256:<digest>" } on aws, got no field',
    ],
  ];
  for (const [what, cloud, code, message] of refused) {
    it(`refuses ${what}, naming the field, the value and what is allowed`, () => {
      assert.deepEqual(problems(cloud, { code }), [message]);
    });
  }

  it("refuses a path leaving the project", () => {
    const [message] = problems("aws", {
      code: { directory: "../other/dist", handler: "index.handler" },
    });
    assert.match(
      message ?? "",
      /^eventstack:consumers\[0\]\.code\.directory must be a path relative/,
    );
    assert.match(message ?? "", /got "\.\.\/other\/dist"/);
  });

  it("refuses a handler that is not <file>.<export>", () => {
    const [message] = problems("aws", { code: { directory: "dist/x", handler: "handler" } });
    assert.match(
      message ?? "",
      /^eventstack:consumers\[0\]\.code\.handler must be <file>\.<export>/,
    );
  });

  it("refuses unknown fields", () => {
    assert.deepEqual(problems("gcp", { code: { image: GCP_IMAGE, tag: "v1" } }), [
      'eventstack:consumers[0].code has unknown field(s) "tag"',
    ]);
  });
});

describe("config model: a consumer's plain environment", () => {
  it("keeps the variables as given; none by default", () => {
    assert.deepEqual(consumer("gcp", { env: { AUDIT_RETENTION: "90", Feature_X: "on" } }).env, {
      AUDIT_RETENTION: "90",
      Feature_X: "on",
    });
    assert.deepEqual(consumer("aws", {}).env, {});
  });

  const reserved = [
    "STATE_TABLE",
    "FIRESTORE_DATABASE",
    "CONSUMER_NAME",
    "BACKEND_API_KEY",
    "PORT",
    "AWS_REGION",
    "TZ",
  ];
  for (const name of reserved) {
    it(`refuses ${name}, which the platform or the runtime sets`, () => {
      const [message] = problems("aws", { env: { [name]: "x" } });
      assert.match(
        message ?? "",
        new RegExp(
          `^eventstack:consumers\\[0\\]\\.env\\.${name} is set by the platform or the runtime and cannot be overridden \\(reserved: .*${name}`,
        ),
      );
    });
  }

  it("refuses names Lambda would reject", () => {
    const found = problems("gcp", { env: { "1X": "a", _HANDLER: "b" } });
    assert.equal(found.length, 2);
    const [message] = found;
    assert.match(message ?? "", /^eventstack:consumers\[0\]\.env\.1X is not an allowed key/);
    assert.match(message ?? "", /letters, digits and underscores, starting with a letter/);
  });

  it("refuses plain variables when the consumers key holds a secret", () => {
    assert.deepEqual(problems("gcp", { env: { A_TOKEN: "t" } }, ["eventstack:consumers"]), [
      "eventstack:consumers[0].env holds plain values, but eventstack:consumers is a secret config value; put secret values in eventstack:secrets and eventstack:secretValues and name one as the consumer's secret",
    ]);
  });

  it("accepts plain variables when other keys are secrets", () => {
    assert.deepEqual(consumer("gcp", { env: { AB: "c" } }, ["eventstack:secretValues"]).env, {
      AB: "c",
    });
  });
});
