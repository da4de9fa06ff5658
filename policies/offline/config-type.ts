/**
 * Pulumi's config types as `Pulumi.yaml` declares them, and the engine's check of a value against
 * one. Ported from pulumi/pulumi `sdk/go/common/workspace/project.go`: `ProjectConfigType`,
 * `ProjectConfigItemsType`, `InferFullTypeName` and `ValidateConfigValue`.
 */

/** The type names `project.json` allows (`$defs.simpleConfigType`). */
export const CONFIG_TYPE_NAMES = ["string", "integer", "boolean", "array", "object"] as const;

/** `items:` of an array declaration (`ProjectConfigItemsType`). */
export interface ConfigItemsType {
  readonly type: string;
  readonly items: ConfigItemsType | undefined;
}

/** One declaration under `config:` in `Pulumi.yaml` (`ProjectConfigType`). */
export interface ConfigDeclaration {
  /** Undefined when the declaration is not explicitly typed. */
  readonly type: string | undefined;
  readonly items: ConfigItemsType | undefined;
  /** Undefined when absent; YAML `null` counts as absent, as Go's `nil` does. */
  readonly default: unknown;
  readonly value: unknown;
  readonly secret: boolean;
  readonly description: string | undefined;
}

/**
 * Stands for a `secure:` value. The engine decrypts it and checks the plaintext, which is always a
 * string; offline nothing is decrypted, so a secure value passes where any string could (string,
 * integer, boolean) and fails where no string can (array, object).
 */
export const SECURE_VALUE: unique symbol = Symbol("secure config value");

/** `InferFullTypeName`: `array<array<string>>` for nested items, else the type name. */
export function fullTypeName(type: string, items: ConfigItemsType | undefined): string {
  return items ? `array<${fullTypeName(items.type, items.items)}>` : type;
}

/** Go's `strconv.Atoi`: optional sign, decimal digits, within int64. */
function isAtoiInteger(text: string): boolean {
  if (!/^[+-]?\d+$/.test(text)) return false;
  const n = BigInt(text);
  return n >= -(2n ** 63n) && n < 2n ** 63n;
}

/**
 * `ValidateConfigValue`: whether `value` (a YAML default, a stack value's text, or the parsed JSON
 * of a structured stack value) fits the declared type.
 */
export function fitsConfigType(
  type: string,
  items: ConfigItemsType | undefined,
  value: unknown,
): boolean {
  if (value === SECURE_VALUE) return type === "string" || type === "integer" || type === "boolean";
  switch (type) {
    case "string":
      return typeof value === "string";
    case "integer":
      // YAML and JSON numbers arrive as floats in Go; whole ones count, and so do strings that
      // parse as integers (every scalar stack value is text).
      if (typeof value === "number") return Number.isInteger(value);
      return typeof value === "string" && isAtoiInteger(value);
    case "boolean":
      return typeof value === "boolean" || value === "true" || value === "false";
    case "object":
      return value !== null && typeof value === "object" && !Array.isArray(value);
    default:
      // Any other type name, "array" included, must be an array with an items type.
      return (
        Array.isArray(value) &&
        items !== undefined &&
        value.every((item) => fitsConfigType(items.type, items.items, item))
      );
  }
}
