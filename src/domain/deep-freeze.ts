/**
 * Freezes a value and everything it holds, so that one copy can be shared by
 * every caller (and its JSON cached) without anyone changing it under the
 * others. Returns the same value, typed as read-only.
 */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
