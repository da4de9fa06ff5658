/**
 * Which SQS queues serve as dead-letter queues, found from every place AWS lets one be named:
 * EventBridge buses and targets, Lambda functions, asynchronous-invocation configs, event source mappings,
 * queue redrive policies (inline or as their own resource) and SNS subscription redrive policies.
 */
import type { PolicyResource } from "@pulumi/policy";
import type { ResourceIndex } from "../resource-index";
import { isRecord, isUnknown, knownString } from "../values";
import { T } from "./types";

/** One place a dead-letter queue is named. */
export interface DeadLetterReference {
  /** The resource that names the queue. */
  readonly from: PolicyResource;
  /** Its top-level property that holds the reference. */
  readonly property: string;
  /** The queue ARN as written (may be the unknown sentinel during a preview). */
  readonly arn: unknown;
}

/** A dead-letter queue: the queue resource when it is in the stack, else only its ARN. */
export interface DeadLetterQueue {
  readonly queue: PolicyResource | undefined;
  /** Queue name (from the resource, or the last segment of its ARN). */
  readonly name: string | undefined;
  readonly references: readonly DeadLetterReference[];
}

const get = (value: unknown, ...path: string[]): unknown => {
  let v = value;
  for (const key of path) v = isRecord(v) ? v[key] : undefined;
  return v;
};

/** A redrive policy's `deadLetterTargetArn`; redrive policies are JSON text or an object. */
export function redriveTarget(redrive: unknown): unknown {
  if (redrive === undefined || redrive === null || redrive === "" || isUnknown(redrive))
    return redrive;
  if (typeof redrive === "string") {
    try {
      return get(JSON.parse(redrive) as unknown, "deadLetterTargetArn");
    } catch {
      return undefined;
    }
  }
  return get(redrive, "deadLetterTargetArn");
}

/** Every reference to a dead-letter queue in the stack. */
export function deadLetterReferences(index: ResourceIndex): DeadLetterReference[] {
  const refs: DeadLetterReference[] = [];
  const add = (from: PolicyResource, property: string, arn: unknown) => {
    if (arn !== undefined && arn !== null && arn !== "") refs.push({ from, property, arn });
  };
  for (const r of index.ofType(T.eventTarget, T.eventBus)) {
    add(r, "deadLetterConfig", get(index.props(r), "deadLetterConfig", "arn"));
  }
  for (const r of index.ofType(T.function)) {
    add(r, "deadLetterConfig", get(index.props(r), "deadLetterConfig", "targetArn"));
  }
  for (const r of index.ofType(T.eventInvokeConfig)) {
    const dest = get(index.props(r), "destinationConfig", "onFailure", "destination");
    if (
      typeof dest === "string" &&
      (isUnknown(dest) || (dest.startsWith("arn:aws") && dest.includes(":sqs:")))
    ) {
      add(r, "destinationConfig", dest);
    }
  }
  for (const r of index.ofType(T.eventSourceMapping)) {
    const dest = get(index.props(r), "destinationConfig", "onFailure", "destinationArn");
    if (typeof dest === "string" && (isUnknown(dest) || dest.includes(":sqs:"))) {
      add(r, "destinationConfig", dest);
    }
  }
  for (const r of [...index.ofType(T.queue), ...index.ofType(T.redrivePolicy)]) {
    add(r, "redrivePolicy", redriveTarget(index.props(r).redrivePolicy));
  }
  for (const r of index.ofType(T.topicSubscription)) {
    add(r, "redrivePolicy", redriveTarget(index.props(r).redrivePolicy));
  }
  return refs;
}

/** The dead-letter queues of the stack, each with the references that name it. */
export function deadLetterQueues(index: ResourceIndex): DeadLetterQueue[] {
  const byQueue = new Map<PolicyResource, DeadLetterReference[]>();
  const external = new Map<string, DeadLetterReference[]>();
  for (const ref of deadLetterReferences(index)) {
    const queues = index.resolve(ref.from, ref.property, ref.arn, [T.queue]);
    if (queues.length > 0) {
      for (const q of queues) byQueue.set(q, [...(byQueue.get(q) ?? []), ref]);
      continue;
    }
    const arn = knownString(ref.arn);
    if (arn !== undefined) external.set(arn, [...(external.get(arn) ?? []), ref]);
  }
  return [
    ...[...byQueue].map(([queue, references]) => ({
      queue,
      name: knownString(index.props(queue).name) ?? arnName(knownString(index.props(queue).arn)),
      references,
    })),
    ...[...external].map(([arn, references]) => ({
      queue: undefined,
      name: arnName(arn),
      references,
    })),
  ];
}

/** The resource name at the end of an ARN (`arn:aws:sqs:region:acct:name` → `name`). */
export function arnName(arn: string | undefined): string | undefined {
  if (arn === undefined) return undefined;
  const last = arn.split(":").pop();
  return last === undefined || last === "" ? undefined : last.split("/").pop();
}

/** The function name a `functionName` reference holds (name, `name:qualifier`, or an ARN). */
export function functionNameOf(ref: string): string {
  const arn = /^arn:aws[\w-]*:lambda:[^:]*:[^:]*:function:([^:]+)(:.*)?$/.exec(ref);
  if (arn?.[1] !== undefined) return arn[1];
  return ref.split(":")[0] ?? ref;
}
