/**
 * The policy pack's entry file: `pulumi preview --policy-pack policies` runs it. It constructs the
 * pack — which starts the analyzer's gRPC server — and nothing else; the policies live in
 * side-effect-free modules listed in `./pack`.
 */
import { PolicyPack } from "@pulumi/policy";
import { PACK_DESCRIPTION, PACK_ENFORCEMENT_LEVEL, PACK_NAME, POLICIES } from "./pack";

new PolicyPack(PACK_NAME, {
  description: PACK_DESCRIPTION,
  enforcementLevel: PACK_ENFORCEMENT_LEVEL,
  policies: POLICIES.map((p) => p.policy),
});
