/**
 * The by-value resource index: every identifier a resource exposes (URN, id, ARN, name, URL,
 * self-link, email, IAM member, full resource path), so relationship rules can follow a reference
 * such as a dead-letter ARN or topic id to the resource it names.
 *
 * References are resolved by value *and* by dependency edges: during a preview most values are not
 * known yet but the edges are; in a deployed stack's export the values are known but outputs carry
 * no edges. A rule that uses {@link ResourceIndex.resolve} judges both the same way.
 */
import type { PolicyResource } from "@pulumi/policy";
import { isRecord, knownString, plain } from "./values";

/** Property names that hold a resource's own identifiers (never references to others). */
const OWN_IDENTIFIER_KEYS = [
  "id",
  "arn",
  "name",
  "url",
  "selfLink",
  "email",
  "member",
  "uri",
  "keyId",
  "qualifiedArn",
  "invokeArn",
  "dashboardArn",
  "secretId",
] as const;

/** Identifiers GCP derives from a resource's project, location and name. */
function derivedIdentifiers(type: string, props: Record<string, unknown>): string[] {
  const project = knownString(props.project);
  const name = knownString(props.name);
  const location = knownString(props.location) ?? knownString(props.region);
  const out: string[] = [];
  const short = name !== undefined && !name.includes("/") ? name : undefined;
  switch (type) {
    case "gcp:pubsub/topic:Topic":
      if (project && short) out.push(`projects/${project}/topics/${short}`);
      break;
    case "gcp:pubsub/subscription:Subscription":
      if (project && short) out.push(`projects/${project}/subscriptions/${short}`);
      break;
    case "gcp:cloudrunv2/service:Service":
      if (project && location && short) {
        out.push(`projects/${project}/locations/${location}/services/${short}`);
      }
      break;
    case "gcp:kms/cryptoKey:CryptoKey": {
      const ring = knownString(props.keyRing);
      if (ring && short) out.push(`${ring}/cryptoKeys/${short}`);
      break;
    }
    case "gcp:serviceaccount/account:Account": {
      const email = knownString(props.email);
      if (email) {
        out.push(`serviceAccount:${email}`);
        if (project) out.push(`projects/${project}/serviceAccounts/${email}`);
      }
      break;
    }
    case "aws:lambda/function:Function": {
      const arn = knownString(props.arn);
      if (arn) out.push(`${arn}:$LATEST`);
      break;
    }
    default:
      break;
  }
  return out;
}

/** Every identifier of a resource, for lookups by value. */
export function identifiersOf(resource: PolicyResource): string[] {
  const props = propsOf(resource);
  const ids = new Set<string>([resource.urn]);
  for (const key of OWN_IDENTIFIER_KEYS) {
    const v = knownString(props[key]);
    if (v !== undefined) ids.add(v);
  }
  for (const v of derivedIdentifiers(resource.type, props)) ids.add(v);
  return [...ids];
}

/** A resource's properties as plain data (outputs in a stack policy). */
export function propsOf(resource: PolicyResource): Record<string, unknown> {
  const p = plain(resource.props);
  return isRecord(p) ? p : {};
}

/** The last path segment of an ARN or resource path (`…:queue-name`, `…/topics/name`). */
export function lastSegment(ref: string): string {
  const parts = ref.split(/[:/]/);
  return parts[parts.length - 1] ?? ref;
}

export class ResourceIndex {
  private readonly byIdentifier = new Map<string, PolicyResource[]>();
  private readonly byType = new Map<string, PolicyResource[]>();
  private readonly propsCache = new Map<PolicyResource, Record<string, unknown>>();
  private readonly idCache = new Map<PolicyResource, ReadonlySet<string>>();

  constructor(readonly resources: readonly PolicyResource[]) {
    for (const r of resources) {
      const ids = new Set(identifiersOf(r));
      this.idCache.set(r, ids);
      for (const id of ids) {
        const list = this.byIdentifier.get(id) ?? [];
        list.push(r);
        this.byIdentifier.set(id, list);
      }
      const list = this.byType.get(r.type) ?? [];
      list.push(r);
      this.byType.set(r.type, list);
    }
  }

  /** Plain properties of a resource (cached). */
  props(resource: PolicyResource): Record<string, unknown> {
    let p = this.propsCache.get(resource);
    if (p === undefined) {
      p = propsOf(resource);
      this.propsCache.set(resource, p);
    }
    return p;
  }

  /** Resources of any of `types`. */
  ofType(...types: string[]): PolicyResource[] {
    return types.flatMap((t) => this.byType.get(t) ?? []);
  }

  /** Resources of `types` that expose `value` as one of their identifiers. */
  lookup(value: unknown, types: readonly string[]): PolicyResource[] {
    const v = knownString(value);
    if (v === undefined) return [];
    return (this.byIdentifier.get(v) ?? []).filter((r) => types.includes(r.type));
  }

  /**
   * The resources of `types` that `from`'s top-level property `property` refers to: those whose
   * identifiers equal `value`, plus those the property depends on.
   */
  resolve(
    from: PolicyResource,
    property: string,
    value: unknown,
    types: readonly string[],
  ): PolicyResource[] {
    const found = new Set(this.lookup(value, types));
    for (const dep of from.propertyDependencies[property] ?? []) {
      if (types.includes(dep.type)) found.add(dep);
    }
    return [...found];
  }

  /** True when `from`'s property `property` refers to `target` by value or by dependency. */
  refersTo(
    from: PolicyResource,
    property: string,
    value: unknown,
    target: PolicyResource,
  ): boolean {
    const v = knownString(value);
    const ids = this.idCache.get(target) ?? new Set(identifiersOf(target));
    if (v !== undefined && ids.has(v)) return true;
    return (from.propertyDependencies[property] ?? []).some((d) => d.urn === target.urn);
  }
}
