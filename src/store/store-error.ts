// The one error type of the history store: a single line naming the store (URL password redacted) and the cause.
export class StoreError extends Error {
  override readonly name = "StoreError";
  /** The store as it may be shown: a path, or a URL without its password. */
  readonly store: string;

  constructor(store: string, message: string) {
    super(`history store ${store}: ${message}`);
    this.store = store;
  }
}
