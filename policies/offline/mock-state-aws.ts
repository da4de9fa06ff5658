/**
 * What AWS would report back for a created resource: ids, ARNs and URLs shaped like the real ones,
 * derived from the resource's (auto-)name so references between resources line up.
 */
import { autoName, hexFrom, MOCK_AWS_ACCOUNT, uuidFrom } from "./mock-identity";
import type { MockedResource, ResourceRequest } from "./mock-types";

const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

/** Returns the provider-computed state of an `aws:*` or `awsx:*` resource. */
export function mockAwsResource(req: ResourceRequest, region: string): MockedResource {
  const { type, name, inputs } = req;
  const acct = MOCK_AWS_ACCOUNT;
  const physical = str(inputs.name) ?? autoName(name);
  const arn = (service: string, resource: string, withRegion = true) =>
    `arn:aws:${service}:${withRegion ? region : ""}:${acct}:${resource}`;
  const tagsAll = { ...(inputs.tags as Record<string, string> | undefined) };

  switch (type) {
    case "aws:sqs/queue:Queue": {
      const queueName =
        str(inputs.name) ??
        (inputs.fifoQueue === true ? `${autoName(name, 75)}.fifo` : autoName(name, 80));
      const url = `https://sqs.${region}.amazonaws.com/${acct}/${queueName}`;
      return { id: url, state: { name: queueName, arn: arn("sqs", queueName), url, tagsAll } };
    }
    case "aws:sns/topic:Topic":
      return {
        id: arn("sns", physical),
        state: { name: physical, arn: arn("sns", physical), tagsAll },
      };
    case "aws:sns/topicSubscription:TopicSubscription": {
      const subArn = `${str(inputs.topic) ?? arn("sns", "topic")}:${uuidFrom(name)}`;
      return { id: subArn, state: { arn: subArn, ownerId: acct, pendingConfirmation: true } };
    }
    case "aws:lambda/function:Function": {
      const fnArn = arn("lambda", `function:${physical}`);
      return {
        id: physical,
        state: {
          name: physical,
          arn: fnArn,
          qualifiedArn: `${fnArn}:$LATEST`,
          invokeArn: `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/${fnArn}/invocations`,
          version: "$LATEST",
          lastModified: "2026-01-01T00:00:00.000+0000",
          sourceCodeHash: hexFrom(`${name}:code`, 44),
          tagsAll,
        },
      };
    }
    case "aws:iam/role:Role":
      return {
        id: physical,
        state: {
          name: physical,
          arn: `arn:aws:iam::${acct}:role/${physical}`,
          uniqueId: `AROA${hexFrom(name, 17).toUpperCase()}`,
          tagsAll,
        },
      };
    case "aws:iam/policy:Policy": {
      const policyArn = `arn:aws:iam::${acct}:policy/${physical}`;
      return {
        id: policyArn,
        state: {
          name: physical,
          arn: policyArn,
          policyId: `ANPA${hexFrom(name, 17).toUpperCase()}`,
          tagsAll,
        },
      };
    }
    case "aws:iam/rolePolicy:RolePolicy":
      return { id: `${str(inputs.role) ?? "role"}:${physical}`, state: { name: physical } };
    case "aws:cloudwatch/eventBus:EventBus":
      return {
        id: physical,
        state: { name: physical, arn: arn("events", `event-bus/${physical}`), tagsAll },
      };
    case "aws:cloudwatch/eventRule:EventRule": {
      const bus = str(inputs.eventBusName) ?? "default";
      const ruleArn =
        bus === "default"
          ? arn("events", `rule/${physical}`)
          : arn("events", `rule/${bus}/${physical}`);
      return {
        id: bus === "default" ? physical : `${bus}/${physical}`,
        state: { name: physical, arn: ruleArn, tagsAll },
      };
    }
    case "aws:cloudwatch/eventTarget:EventTarget": {
      const targetId = str(inputs.targetId) ?? autoName(name);
      return {
        id: `${str(inputs.eventBusName) ?? "default"}/${str(inputs.rule) ?? "rule"}/${targetId}`,
        state: { targetId },
      };
    }
    case "aws:cloudwatch/eventArchive:EventArchive":
      return { id: physical, state: { name: physical, arn: arn("events", `archive/${physical}`) } };
    case "aws:cloudwatch/logGroup:LogGroup":
      return {
        id: physical,
        state: { name: physical, arn: arn("logs", `log-group:${physical}`), tagsAll },
      };
    case "aws:cloudwatch/metricAlarm:MetricAlarm":
      return {
        id: physical,
        state: { name: physical, arn: arn("cloudwatch", `alarm:${physical}`), tagsAll },
      };
    case "aws:cloudwatch/dashboard:Dashboard": {
      const dashboardName = str(inputs.dashboardName) ?? autoName(name);
      return {
        id: dashboardName,
        state: {
          dashboardName,
          dashboardArn: `arn:aws:cloudwatch::${acct}:dashboard/${dashboardName}`,
        },
      };
    }
    case "aws:kms/key:Key": {
      const keyId = uuidFrom(name);
      return { id: keyId, state: { keyId, arn: arn("kms", `key/${keyId}`), tagsAll } };
    }
    case "aws:kms/alias:Alias":
      return {
        id: physical,
        state: { name: physical, arn: arn("kms", physical), targetKeyArn: str(inputs.targetKeyId) },
      };
    case "aws:secretsmanager/secret:Secret": {
      const secretArn = arn("secretsmanager", `secret:${physical}-${hexFrom(name, 6)}`);
      return { id: secretArn, state: { name: physical, arn: secretArn, tagsAll } };
    }
    case "aws:secretsmanager/secretVersion:SecretVersion": {
      const versionId = uuidFrom(name);
      return {
        id: `${str(inputs.secretId) ?? "secret"}|${versionId}`,
        state: { versionId, arn: str(inputs.secretId) },
      };
    }
    case "aws:lambda/permission:Permission":
      return { id: str(inputs.statementId) ?? autoName(name), state: {} };
    case "aws:ec2/securityGroup:SecurityGroup": {
      const id = `sg-${hexFrom(name, 17)}`;
      return {
        id,
        state: { name: physical, arn: arn("ec2", `security-group/${id}`), ownerId: acct, tagsAll },
      };
    }
    case "aws:ec2/vpcEndpoint:VpcEndpoint": {
      const id = `vpce-${hexFrom(name, 17)}`;
      return { id, state: { arn: arn("ec2", `vpc-endpoint/${id}`), ownerId: acct, tagsAll } };
    }
    case "aws:sqs/queuePolicy:QueuePolicy":
      return { id: str(inputs.queueUrl) ?? physical, state: {} };
    case "aws:sns/topicPolicy:TopicPolicy":
      return { id: str(inputs.arn) ?? arn("sns", physical), state: { owner: acct } };
    case "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig":
      return { id: str(inputs.functionName) ?? physical, state: {} };
    case "aws:dynamodb/table:Table": {
      // DescribeTable: the table's ARN, and AWS-owned encryption unless a key is named.
      const kms = inputs.serverSideEncryption as { kmsKeyArn?: unknown } | undefined;
      return {
        id: physical,
        state: {
          name: physical,
          arn: arn("dynamodb", `table/${physical}`),
          streamArn: "",
          streamLabel: "",
          serverSideEncryption: {
            enabled: str(kms?.kmsKeyArn) !== undefined,
            kmsKeyArn: str(kms?.kmsKeyArn) ?? "",
          },
          tagsAll,
        },
      };
    }
    case "awsx:ec2:Vpc":
      return { id: `vpc-${hexFrom(name, 17)}`, state: mockAwsxVpc(name, inputs) };
    default: {
      const service = /^aws:([a-z0-9]+)\//.exec(type)?.[1] ?? "unknown";
      return { id: physical, state: { name: physical, arn: arn(service, physical), tagsAll } };
    }
  }
}

/** awsx's Vpc is a remote component: the mock runtime sees it as one resource and must return its ids. */
function mockAwsxVpc(name: string, inputs: Record<string, unknown>): Record<string, unknown> {
  const vpcId = `vpc-${hexFrom(name, 17)}`;
  const subnet = (kind: string, i: number) => `subnet-${hexFrom(`${name}:${kind}:${i}`, 17)}`;
  // awsx builds the subnet types its subnetSpecs name (default: private and public), one per zone.
  const specs = Array.isArray(inputs.subnetSpecs) ? inputs.subnetSpecs : undefined;
  const kinds = specs
    ? specs.map((spec: unknown) =>
        typeof spec === "object" && spec !== null && "type" in spec ? String(spec.type) : "",
      )
    : ["Private", "Public"];
  const ids = (kind: string) =>
    kinds.includes(kind) ? [0, 1, 2].map((i) => subnet(kind.toLowerCase(), i)) : [];
  const nat: unknown = (inputs.natGateways as { strategy?: unknown } | undefined)?.strategy;
  return {
    vpcId,
    privateSubnetIds: ids("Private"),
    publicSubnetIds: ids("Public"),
    isolatedSubnetIds: ids("Isolated"),
    // One route table per subnet awsx creates (awsx ec2 Vpc `routeTables`).
    routeTables: kinds.flatMap((kind) =>
      [0, 1, 2].map((i) => ({ id: `rtb-${hexFrom(`${name}:${kind}:${i}`, 17)}` })),
    ),
    natGateways: nat === "None" ? [] : [{ id: `nat-${hexFrom(`${name}:nat`, 17)}` }],
    vpc: {
      id: vpcId,
      cidrBlock: "10.0.0.0/16",
      defaultSecurityGroupId: `sg-${hexFrom(`${name}:default`, 17)}`,
    },
  };
}
