/**
 * Property values as a stack export stores them, turned into the plain values policies see.
 *
 * - Secrets (`{ "<sig>": "<secret sig>", "ciphertext" | "plaintext": … }`) become
 *   {@link SECRET_PLACEHOLDER}: nothing after this point can print them.
 * - Resource references become the referenced resource's id (custom) or URN (component), as the
 *   engine hands them to a consumer that does not accept resource references.
 * - Output values become their value (or the placeholder when secret).
 * - Assets and archives become the SDK's asset and archive objects, as in a plan.
 */
import {
  deserializeProperty,
  specialArchiveSig,
  specialAssetSig,
  specialOutputValueSig,
  specialResourceSig,
  specialSecretSig,
  specialSigKey,
} from "@pulumi/pulumi/runtime/rpc";
import { SECRET_PLACEHOLDER } from "./mock-runtime";

export { SECRET_PLACEHOLDER };

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Decodes one exported property value (recursively). */
export function decodeStateValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeStateValue);
  if (!isRecord(value)) return value;
  const sig = value[specialSigKey];
  switch (sig) {
    case undefined:
      return decodeStateObject(value);
    case specialSecretSig:
      return SECRET_PLACEHOLDER;
    case specialResourceSig: {
      const id = value.id;
      return typeof id === "string" && id !== "" ? id : value.urn;
    }
    case specialOutputValueSig:
      return value.secret === true ? SECRET_PLACEHOLDER : decodeStateValue(value.value);
    case specialAssetSig:
    case specialArchiveSig:
      return deserializeProperty(value);
    default: {
      const { [specialSigKey]: _sig, ...rest } = value;
      return decodeStateObject(rest);
    }
  }
}

/** Decodes every property of an exported property map. */
export function decodeStateObject(
  value: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key] = decodeStateValue(v);
  return out;
}
