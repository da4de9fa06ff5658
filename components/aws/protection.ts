/**
 * Which resources outlive a mistake: in prod, every resource that holds events, keys, secrets or
 * logs is protected (Pulumi refuses to delete or replace it until it is unprotected) and retained
 * on delete (a destroy or replacement drops it from the stack instead of deleting it in AWS):
 * https://www.pulumi.com/docs/iac/concepts/options/protect/ and
 * https://www.pulumi.com/docs/iac/concepts/options/retainondelete/. Dev stacks stay disposable.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { Environment } from "../config";

/** The resource options of a stateful resource. */
export interface StatefulOptions {
  readonly protect: boolean;
  readonly retainOnDelete: boolean;
}

/** Protected and retained in prod; neither in dev. */
export function statefulOptions(environment: Environment): StatefulOptions {
  const prod = environment === "prod";
  return { protect: prod, retainOnDelete: prod };
}

/** `opts` with the stateful options added. */
export function withStateful(
  opts: pulumi.CustomResourceOptions,
  stateful: StatefulOptions,
): pulumi.CustomResourceOptions {
  return { ...opts, protect: stateful.protect, retainOnDelete: stateful.retainOnDelete };
}
