/**
 * The fictional cloud accounts the mock runtime plans into. Realistic in shape so cross-references
 * (ARNs, self-links, service-agent emails) look like those of a real deployment.
 */
import { createHash } from "node:crypto";

export const MOCK_AWS_ACCOUNT = "123456789012";
export const MOCK_GCP_PROJECT_NUMBER = "482901735528";
/** The service account id the mocked GCP deployment runs as (`getClientOpenIdUserInfo`). */
export const MOCK_GCP_DEPLOYER = "deployer";

/** Deterministic hex derived from a seed, so plans (and golden files) are stable across runs. */
export function hexFrom(seed: string, length: number): string {
  return createHash("sha256").update(seed).digest("hex").slice(0, length);
}

/** Deterministic decimal digits derived from a seed. */
export function digitsFrom(seed: string, length: number): string {
  const hex = createHash("sha256").update(seed).digest("hex");
  let out = "";
  for (let i = 0; out.length < length; i++)
    out += (parseInt(hex[i % hex.length] ?? "0", 16) % 10).toString();
  return out.replace(/^0/, "1");
}

/** A UUID-shaped id derived from a seed. */
export function uuidFrom(seed: string): string {
  const h = hexFrom(seed, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Pulumi-style auto-name: logical name plus a 7-character suffix. */
export function autoName(logicalName: string, maxLength = 64): string {
  const suffix = hexFrom(logicalName, 7);
  return `${logicalName.slice(0, Math.max(1, maxLength - 8))}-${suffix}`;
}
