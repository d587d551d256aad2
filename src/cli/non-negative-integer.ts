// Parses an option's value as a whole number of at least 0, or fails with commander's usage error (exit 2).
import { InvalidArgumentError } from "@commander-js/extra-typings";

export function nonNegativeInteger(value: string): number {
  if (!/^\d+$/u.test(value)) throw new InvalidArgumentError(`expected a whole number of 0 or more, got "${value}"`);
  return Number(value);
}
