/**
 * Actions an identity policy may grant on `Resource: "*"`, derived from AWS's action catalogue
 * (see ./action-catalogue.ts): an action that lists no resource type in the Service Authorization
 * Reference accepts only `"*"`.
 *
 * One documented exception: CloudWatch's metric actions list the optional `dataset` resource type
 * (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoncloudwatch.html),
 * which applies only to requests naming a dataset; publishing or reading metrics is authorised
 * against `"*"` and scoped with the `cloudwatch:namespace` condition key instead.
 */
import { expandAction, serviceActions, type CatalogueAction } from "./action-catalogue";

/** Actions whose only resource types apply to requests the ordinary call never makes. */
const OPTIONAL_ONLY_RESOURCE_TYPES: Readonly<Record<string, readonly string[]>> = {
  "cloudwatch:putmetricdata": ["dataset"],
  "cloudwatch:getmetricdata": ["dataset"],
  "cloudwatch:listmetrics": ["dataset"],
};

/** True when AWS accepts only `"*"` for this catalogue action. */
export function isStarOnlyCatalogueAction(action: CatalogueAction): boolean {
  const exempt = OPTIONAL_ONLY_RESOURCE_TYPES[action.name.toLowerCase()] ?? [];
  return action.resourceTypes.every((t) => exempt.includes(t));
}

/**
 * True when every action an `Action` entry grants accepts only `"*"` (IAM action names are
 * case-insensitive; wildcards are expanded against the catalogue). An entry that matches no known
 * action is not: it cannot be shown to need `"*"`.
 */
export function isStarOnlyAction(action: string): boolean {
  const { actions } = expandAction(action);
  return actions.length > 0 && actions.every(isStarOnlyCatalogueAction);
}

/** The actions of `service` that accept only `"*"` (for messages and documentation). */
export function starOnlyActionsOf(service: string): string[] {
  return serviceActions(service)
    .filter(isStarOnlyCatalogueAction)
    .map((a) => a.name);
}
