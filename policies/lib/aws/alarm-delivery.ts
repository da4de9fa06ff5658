/**
 * Whether CloudWatch can deliver an alarm to an SNS topic encrypted with KMS: it needs
 * `kms:Decrypt` and `kms:GenerateDataKey*` on the topic's key, which the AWS managed key
 * `alias/aws/sns` never grants (its policy cannot be edited) and a customer-managed key grants only
 * through its key policy (AWS re:Post Knowledge Center, "How do I configure a CloudWatch alarm with
 * an encrypted Amazon SNS topic?",
 * https://repost.aws/knowledge-center/cloudwatch-configure-alarm-sns).
 */
import type { PolicyResource } from "@pulumi/policy";
import type { ResourceIndex } from "../resource-index";
import { isUnknown, knownString } from "../values";
import { expandAction } from "./action-catalogue";
import { parsePolicyDocument, type Statement } from "./iam-document";

const KEY = "aws:kms/key:Key";
const KEY_POLICY = "aws:kms/keyPolicy:KeyPolicy";
const NEEDED = ["kms:decrypt", "kms:generatedatakey"];

function grantsCloudWatch(s: Statement): string[] {
  if (s.effect !== "Allow" || s.principal === undefined || s.principal === "*") return [];
  const services = Object.entries(s.principal)
    .filter(([kind]) => kind.toLowerCase() === "service")
    .flatMap(([, v]) => v);
  if (!services.includes("cloudwatch.amazonaws.com")) return [];
  return (s.actions ?? []).flatMap((a) => expandAction(a).actions.map((x) => x.name.toLowerCase()));
}

/** Why CloudWatch cannot publish to `topic`, or undefined when it can (or it cannot be told). */
export function undeliverableTopic(
  index: ResourceIndex,
  topic: PolicyResource,
): string | undefined {
  const keyRef = index.props(topic).kmsMasterKeyId;
  const ref = knownString(keyRef);
  if (ref !== undefined && /(^|:)alias\/aws\/sns$/.test(ref)) {
    return "is encrypted with the AWS managed key alias/aws/sns, whose key policy does not let CloudWatch use it";
  }
  const keys = index.resolve(topic, "kmsMasterKeyId", keyRef, [KEY]);
  if (keys.length !== 1) return undefined;
  const key = keys[0] as PolicyResource;
  const separate = index
    .ofType(KEY_POLICY)
    .filter((kp) => index.refersTo(kp, "keyId", index.props(kp).keyId, key));
  const text =
    separate.length > 0
      ? index.props(separate[0] as PolicyResource).policy
      : index.props(key).policy;
  if (isUnknown(text)) return undefined;
  const parsed = parsePolicyDocument(text);
  if (parsed.kind === "unknown" || parsed.kind === "invalid") return undefined;
  const granted = parsed.kind === "ok" ? parsed.statements.flatMap(grantsCloudWatch) : [];
  const missing = NEEDED.filter((n) => !granted.includes(n));
  if (missing.length === 0) return undefined;
  const keyName = knownString(index.props(key).arn) ?? key.name;
  return `is encrypted with KMS key ${JSON.stringify(keyName)}, whose key policy must allow the service cloudwatch.amazonaws.com ${missing.map((m) => (m === "kms:generatedatakey" ? "kms:GenerateDataKey*" : "kms:Decrypt")).join(" and ")}`;
}
