/**
 * Shared wording and predicates of the customer-managed-key rules. These rules are mandatory in
 * the pack's defaults (production) and relaxed to advisory by `policies/config/dev.json`.
 */

/** Tags every customer-managed-key rule carries. */
export const CMK_TAGS = ["encryption", "customer-managed-keys", "data-protection"] as const;

/** True when `keyId` names a key the customer manages (not an `alias/aws/…` AWS managed key). */
export function isCustomerManagedKey(keyId: string): boolean {
  return !/^(arn:aws[\w-]*:kms:[^:]*:[^:]*:)?alias\/aws\//.test(keyId);
}
