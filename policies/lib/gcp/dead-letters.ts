/**
 * Pub/Sub dead-letter topics and the subscriptions around them, resolved by value (topic id or
 * name) and by dependency edge.
 */
import type { PolicyResource } from "@pulumi/policy";
import { lastSegment, type ResourceIndex } from "../resource-index";
import { isRecord, knownString } from "../values";
import { G } from "./pubsub";

/** A dead-letter topic: the topic resource when it is in the stack, and what points at it. */
export interface DeadLetterTopic {
  readonly topic: PolicyResource | undefined;
  /** The reference as written (`projects/p/topics/name`), when known. */
  readonly ref: string | undefined;
  /** Short topic name, when known. */
  readonly name: string | undefined;
  /** Subscriptions that dead-letter to this topic. */
  readonly sources: readonly PolicyResource[];
}

/** The `deadLetterPolicy.deadLetterTopic` of a subscription, as written. */
export function deadLetterTopicOf(index: ResourceIndex, subscription: PolicyResource): unknown {
  const dl = index.props(subscription).deadLetterPolicy;
  return isRecord(dl) ? dl.deadLetterTopic : undefined;
}

/** Every dead-letter topic of the stack. */
export function deadLetterTopics(index: ResourceIndex): DeadLetterTopic[] {
  const byTopic = new Map<PolicyResource, PolicyResource[]>();
  const external = new Map<string, PolicyResource[]>();
  for (const sub of index.ofType(G.subscription)) {
    const ref = deadLetterTopicOf(index, sub);
    if (ref === undefined || ref === null || ref === "") continue;
    const topics = index.resolve(sub, "deadLetterPolicy", ref, [G.topic]);
    for (const t of topics) byTopic.set(t, [...(byTopic.get(t) ?? []), sub]);
    const known = knownString(ref);
    if (topics.length === 0 && known !== undefined) {
      external.set(known, [...(external.get(known) ?? []), sub]);
    }
  }
  return [
    ...[...byTopic].map(([topic, sources]) => {
      const name = knownString(index.props(topic).name);
      return { topic, ref: undefined, name: name && lastSegment(name), sources };
    }),
    ...[...external].map(([ref, sources]) => ({
      topic: undefined,
      ref,
      name: lastSegment(ref),
      sources,
    })),
  ];
}

/** True when `subscription` reads from `target` (a topic resource or a topic reference). */
export function subscribesTo(
  index: ResourceIndex,
  subscription: PolicyResource,
  target: DeadLetterTopic,
): boolean {
  const topicRef = index.props(subscription).topic;
  if (target.topic !== undefined && index.refersTo(subscription, "topic", topicRef, target.topic)) {
    return true;
  }
  const known = knownString(topicRef);
  return (
    known !== undefined &&
    target.ref !== undefined &&
    (known === target.ref || known === target.name)
  );
}

/** True when `text` mentions `name` as a whole token (not as part of a longer name). */
export function mentions(text: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(^|[^A-Za-z0-9_-])${escaped}($|[^A-Za-z0-9_-])`).test(text);
}
