/**
 * Records whose keys come from untrusted input, read without inheriting anything. A read of a
 * key an ordinary object lacks goes on to Object.prototype (ECMA-262 §10.1.8.1 OrdinaryGet, and
 * `in` through §10.1.7.1 OrdinaryHasProperty), so a dependency that polluted it
 * (`Object.prototype.subject = …`) would give every event that member. The hot path keeps
 * ordinary objects while that cannot happen and switches to a null-prototype one when it can.
 */

/**
 * A fresh record for copied keys: an ordinary object while Object.prototype has none of
 * `readNames` (every name the caller reads or tests with `in` without an own-key check), else one
 * without a prototype, so both read exactly their own keys.
 */
export function freshRecord<T>(readNames: readonly string[]): Record<string, T> {
  for (const name of readNames) {
    if (name in Object.prototype) return Object.create(null) as Record<string, T>;
  }
  return {};
}

/** A copy of `record` without a prototype, so `__proto__` can be an ordinary key. */
export function nullPrototypeCopy<T>(record: Readonly<Record<string, T>>): Record<string, T> {
  const out = Object.create(null) as Record<string, T>;
  for (const key of Object.keys(record)) out[key] = record[key] as T;
  return out;
}

/** `record[key]` when it is the record's own member, else `undefined` (never inherited). */
export function ownValue<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
