/**
 * Property: whatever stack and consumer names Pulumi and the config model accept, the names the
 * platform derives satisfy every limit of the clouds' tables and never collide. Stack names are
 * what the engine accepts ("stack names are limited to 100 characters and may only contain
 * alphanumeric, hyphens, underscores, or periods": pulumi/pulumi pkg/backend/diy); consumer names
 * what components/config.ts accepts.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { platformNames as awsNames } from "../../../components/aws/names";
import { RESERVED_CONSUMER_NAMES } from "../../../components/config";
import { platformNames as gcpNames } from "../../../components/gcp/naming";
import { physicalNameCollision } from "../../../policies/deployability/rules/physical-name-collision";
import { resourceLimits } from "../../../policies/deployability/rules/resource-limits";
import type { RecordedResource } from "../../../policies/offline/mock-types";
import { PLAN, res } from "./support";

const stackName = fc.stringMatching(/^[A-Za-z0-9_.-]{1,100}$/);
const consumerName = fc
  .stringMatching(/^[a-z]([a-z0-9-]{0,18}[a-z0-9])?$/)
  .filter((n) => !(RESERVED_CONSUMER_NAMES as readonly string[]).includes(n));
const consumers = fc.uniqueArray(consumerName, { minLength: 1, maxLength: 25 });

/** Resources named as the AWS platform names them (components/aws/names.ts). */
function awsResources(stack: string, names: readonly string[]): RecordedResource[] {
  const n = awsNames("eventstack", stack);
  let i = 0;
  const r = (type: string, inputs: Record<string, unknown>) => res(type, `r${i++}`, inputs);
  const out = [
    r("aws:cloudwatch/eventBus:EventBus", { name: n.bus }),
    r("aws:cloudwatch/eventArchive:EventArchive", { name: n.archive }),
    r("aws:sqs/queue:Queue", { name: n.busDeadLetterQueue }),
    r("aws:sns/topic:Topic", { name: n.alertTopic }),
    r("aws:cloudwatch/dashboard:Dashboard", { dashboardName: n.dashboard }),
    r("aws:kms/alias:Alias", { name: `alias/${n.alertsKeyAlias}` }),
    r("aws:kms/alias:Alias", { name: `alias/${n.dataKeyAlias}` }),
    ...["dlq-depth", "rule-dlq-failures", "rule-failed-invocations", "rule-sent-to-dlq"].map(
      (kind) =>
        r("aws:cloudwatch/metricAlarm:MetricAlarm", { name: `${n.busAlarmPrefix}-${kind}` }),
    ),
    r("aws:iam/role:Role", { name: n.operatorRole }),
    r("aws:iam/role:Role", { name: n.flowLogRole }),
    r("aws:cloudwatch/logGroup:LogGroup", { name: n.flowLogGroup }),
    r("aws:secretsmanager/secret:Secret", { name: n.secret("orders-api-key") }),
  ];
  for (const c of names) {
    const cn = n.consumer(c);
    out.push(
      r("aws:lambda/function:Function", { name: cn.function }),
      r("aws:iam/role:Role", { name: cn.role }),
      r("aws:cloudwatch/eventRule:EventRule", { name: cn.rule, eventBusName: n.bus }),
      r("aws:sqs/queue:Queue", { name: cn.deadLetterQueue }),
      r("aws:sqs/queue:Queue", { name: cn.queue }),
      r("aws:cloudwatch/logGroup:LogGroup", { name: cn.logGroup }),
      ...[
        "dlq-depth",
        "error-rate",
        "event-age",
        "function-errors",
        "destination-failures",
        "rule-failed-invocations",
        "rule-sent-to-dlq",
        "rule-dlq-failures",
      ].map((kind) =>
        r("aws:cloudwatch/metricAlarm:MetricAlarm", { name: `${cn.alarmPrefix}-${kind}` }),
      ),
    );
  }
  return out;
}

/** Resources named as the GCP platform names them (components/gcp/naming.ts). */
function gcpResources(stack: string, names: readonly string[]): RecordedResource[] {
  const n = gcpNames("eventstack", stack);
  let i = 0;
  const project = "acme-events-dev";
  const r = (type: string, inputs: Record<string, unknown>) =>
    res(type, `r${i++}`, { project, ...inputs });
  const out = [
    r("gcp:pubsub/topic:Topic", { name: n.topic }),
    ...[false, true].map((cmek) =>
      r("gcp:artifactregistry/repository:Repository", {
        repositoryId: n.repositoryFor(cmek),
        location: "europe-west1",
      }),
    ),
    r("gcp:compute/network:Network", { name: n.network }),
    r("gcp:compute/subnetwork:Subnetwork", { name: n.subnet, region: "europe-west1" }),
    ...[false, true].map((cmek) =>
      r("gcp:secretmanager/secret:Secret", { secretId: n.secretFor("orders-api-key", cmek) }),
    ),
  ];
  for (const c of names) {
    const cn = n.consumer(c, `attributes."ce-type" = "com.example.${c}.created.v1"`);
    out.push(
      r("gcp:cloudrunv2/service:Service", { name: cn.service, location: "europe-west1" }),
      r("gcp:serviceaccount/account:Account", { accountId: cn.runtimeAccountId }),
      r("gcp:serviceaccount/account:Account", { accountId: cn.pushAccountId }),
      r("gcp:pubsub/subscription:Subscription", { name: cn.subscription }),
      r("gcp:pubsub/topic:Topic", { name: cn.deadLetterTopic }),
      r("gcp:pubsub/subscription:Subscription", { name: cn.deadLetterSubscription }),
    );
  }
  return out;
}

const findings = (resources: RecordedResource[]) => [
  ...resourceLimits.check(resources, PLAN).map((f) => f.message),
  ...physicalNameCollision.check(resources, PLAN).map((f) => f.message),
];

describe("derived names under every stack and consumer name the engine and config accept", () => {
  it("AWS: every name fits its API's limits and no two collide", () => {
    fc.assert(
      fc.property(stackName, consumers, (stack, names) => {
        assert.deepEqual(findings(awsResources(stack, names)), []);
      }),
      { numRuns: 300 },
    );
  });

  it("GCP: every name fits its API's limits and no two collide", () => {
    fc.assert(
      fc.property(stackName, consumers, (stack, names) => {
        assert.deepEqual(findings(gcpResources(stack, names)), []);
      }),
      { numRuns: 300 },
    );
  });

  it("the generators reach the edges: 100-character stacks and 20-character consumers", () => {
    const long = "Prod.EU_west-1.".repeat(7).slice(0, 100);
    const c = "a".repeat(19) + "z";
    assert.deepEqual(findings(awsResources(long, [c, "b"])), []);
    assert.deepEqual(findings(gcpResources(long, [c, "b"])), []);
  });
});
