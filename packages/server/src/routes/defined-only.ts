type RequiredKeys<T> = { [K in keyof T]-?: undefined extends T[K] ? never : K }[keyof T];
type OptionalKeys<T> = Exclude<keyof T, RequiredKeys<T>>;

/** `{ a?: X | undefined }` as `{ a?: X }`: what exactOptionalPropertyTypes calls optional. */
export type DefinedOnly<T> = { [K in RequiredKeys<T>]: T[K] } & {
  [K in OptionalKeys<T>]?: Exclude<T[K], undefined>;
};

/**
 * Drops keys whose value is undefined: zod gives optional keys as undefined, and the engine's
 * option types mean "absent" by a missing key.
 */
export function definedOnly<T extends object>(value: T): DefinedOnly<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, field]) => field !== undefined),
  ) as DefinedOnly<T>;
}
