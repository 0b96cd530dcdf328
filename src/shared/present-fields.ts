/**
 * The fields of `fields` that hold a value (not undefined, null or ""), for optional fields that
 * must be left out rather than sent empty: a server reads a present-but-empty endpoint as one.
 */
export function presentFields<T extends Record<string, unknown>>(fields: T): { [K in keyof T]?: NonNullable<T[K]> } {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined && value !== null && value !== '')) as {
    [K in keyof T]?: NonNullable<T[K]>;
  };
}
