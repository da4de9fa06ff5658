/**
 * The stack outputs the command needs (components/aws/platform.ts and components/gcp/platform.ts
 * `stackOutputs`), parsed into where one consumer's dead letters are and where they go back to.
 */
import * as z from "zod";

/** Where an AWS consumer's dead letters are and the bus they are put back on. */
export interface AwsTarget {
  readonly cloud: "aws";
  readonly consumer: string;
  readonly region: string;
  readonly busName: string;
  readonly queueUrl: string;
  /** The stack's dead-letter operator role (`deadLetterOperatorRoleArn`), when it exports one. */
  readonly operator: string | undefined;
}

/** Where a GCP consumer's dead letters are and the topic they are published back to. */
export interface GcpTarget {
  readonly cloud: "gcp";
  readonly consumer: string;
  /** `projects/<p>/subscriptions/<s>` */
  readonly deadLetterSubscription: string;
  /** `projects/<p>/topics/<t>`: the events topic. */
  readonly topic: string;
  /** The stack's dead-letter operator service account (`deadLetterOperator`), when it exports one. */
  readonly operator: string | undefined;
}

export type DlqTarget = AwsTarget | GcpTarget;

/** Thrown for outputs that do not name what the command needs; the CLI exits 2. */
export class OutputsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OutputsError";
  }
}

const nonEmpty = z.string().min(1, "must be a non-empty string");
const queueUrl = z
  .string()
  .regex(/^https:\/\/sqs\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\/\d{12}\/[\w-]+(\.fifo)?$/, {
    error: "must be an SQS queue URL like https://sqs.<region>.amazonaws.com/<account>/<name>",
  });
const busArn = z.string().regex(/^arn:aws[\w-]*:events:[a-z0-9-]+:\d{12}:event-bus\/.+$/, {
  error: "must be an event bus ARN like arn:aws:events:<region>:<account>:event-bus/<name>",
});
const subscriptionId = z.string().regex(/^projects\/[^/]+\/subscriptions\/[^/]+$/, {
  error: "must look like projects/<project>/subscriptions/<name>",
});
const topicId = z.string().regex(/^projects\/[^/]+\/topics\/[^/]+$/, {
  error: "must look like projects/<project>/topics/<name>",
});

const awsOutputs = z.object({
  cloud: z.literal("aws"),
  busName: nonEmpty,
  busArn,
  consumers: z.record(z.string(), z.object({ deadLetterQueueUrl: queueUrl })),
  /** The bus's own dead-letter queue (events the bus could not encrypt or decrypt). */
  busDeadLetterQueueUrl: queueUrl.optional(),
  /** The role operators assume (components/aws/operator-access.ts). */
  deadLetterOperatorRoleArn: z
    .string()
    .regex(/^arn:aws[\w-]*:iam::\d{12}:role\/.+$/, {
      error: "must be an IAM role ARN like arn:aws:iam::<account>:role/<name>",
    })
    .optional(),
});
const gcpOutputs = z.object({
  cloud: z.literal("gcp"),
  topicId,
  consumers: z.record(z.string(), z.object({ deadLetterSubscription: subscriptionId })),
  /** The service account operators impersonate (components/gcp/operator-access.ts). */
  deadLetterOperator: z
    .string()
    .regex(/^[a-z][a-z0-9-]{4,28}[a-z0-9]@[a-z0-9-]+\.iam\.gserviceaccount\.com$/, {
      error: "must be a service account email like <id>@<project>.iam.gserviceaccount.com",
    })
    .optional(),
});
const outputsSchema = z.discriminatedUnion("cloud", [awsOutputs, gcpOutputs], {
  error: 'must be "aws" or "gcp"',
});

/** The consumer name that selects the AWS bus's own dead-letter queue (a name consumers cannot take). */
export const BUS_CONSUMER = "bus";

function describe(issue: z.core.$ZodIssue, doc: unknown): string {
  const path = issue.path.map(String).join(".");
  let value: unknown = doc;
  for (const key of issue.path) {
    value =
      value !== null && typeof value === "object"
        ? (value as Record<PropertyKey, unknown>)[key]
        : undefined;
  }
  const got = value === undefined ? "it is missing" : `got ${JSON.stringify(value)}`;
  return `${path || "(outputs)"}: ${issue.message}; ${got}`;
}

/** The dead letters of `consumer` in the outputs `doc`; throws {@link OutputsError} naming the field. */
export function targetFromOutputs(doc: unknown, consumer: string, source: string): DlqTarget {
  const parsed = outputsSchema.safeParse(doc);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => describe(i, doc));
    throw new OutputsError(`${source}: not eventstack stack outputs:\n  ${problems.join("\n  ")}`);
  }
  const out = parsed.data;
  const known = Object.keys(out.consumers);
  if (out.cloud === "aws") {
    const region = out.busArn.split(":")[3] ?? "";
    if (consumer === BUS_CONSUMER && out.busDeadLetterQueueUrl !== undefined) {
      return {
        cloud: "aws",
        consumer,
        region,
        busName: out.busName,
        queueUrl: out.busDeadLetterQueueUrl,
        operator: out.deadLetterOperatorRoleArn,
      };
    }
    const c = out.consumers[consumer];
    if (c === undefined) throw unknownConsumer(source, consumer, known, out.busDeadLetterQueueUrl);
    return {
      cloud: "aws",
      consumer,
      region,
      busName: out.busName,
      queueUrl: c.deadLetterQueueUrl,
      operator: out.deadLetterOperatorRoleArn,
    };
  }
  const c = out.consumers[consumer];
  if (c === undefined) throw unknownConsumer(source, consumer, known, undefined);
  return {
    cloud: "gcp",
    consumer,
    deadLetterSubscription: c.deadLetterSubscription,
    topic: out.topicId,
    operator: out.deadLetterOperator,
  };
}

/**
 * How to act as the stack's operator identity, for a cloud call that failed; undefined when the
 * stack exports none.
 */
export function operatorHint(target: DlqTarget): string | undefined {
  if (target.operator === undefined) return undefined;
  return target.cloud === "aws"
    ? `the stack's dead-letter operator role is ${target.operator}: run with credentials of it (e.g. a profile with role_arn = ${target.operator}, AWS_PROFILE=<that profile>)`
    : `the stack's dead-letter operator is ${target.operator}: gcloud auth application-default login --impersonate-service-account ${target.operator}`;
}

function unknownConsumer(
  source: string,
  consumer: string,
  known: readonly string[],
  busQueue: string | undefined,
): OutputsError {
  const allowed = [...known, ...(busQueue === undefined ? [] : [BUS_CONSUMER])];
  return new OutputsError(
    `${source}: --consumer ${JSON.stringify(consumer)} is not a consumer of this stack; one of: ${allowed.join(", ")}`,
  );
}
