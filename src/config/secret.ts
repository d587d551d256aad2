// A credential that cannot leak by accident: logging, JSON.stringify, util.inspect and string templates all see
// "***"; only an explicit reveal() yields the value, at the one place that sends it to Keystone.

import { inspect } from "node:util";

export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return "***";
  }

  toJSON(): string {
    return "***";
  }

  [inspect.custom](): string {
    return "Secret(***)";
  }
}
