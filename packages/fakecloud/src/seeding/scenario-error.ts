// The one error of scenario loading and seeding: it names where in the scenario the problem is.

export class ScenarioError extends Error {
  constructor(
    /** Where: `resources.compute.server[3].status`, or the file name and key. */
    readonly location: string,
    readonly problem: string,
  ) {
    super(`${location}: ${problem}`);
    this.name = "ScenarioError";
  }
}

/** Thrown by a seeder for one field of one record; the seeding loop adds the record's location. */
export class InvalidFieldError extends Error {
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${field}: ${problem}`);
    this.name = "InvalidFieldError";
  }
}
