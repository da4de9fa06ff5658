/** Bad `--cost` input (a usage value out of range, an unpriced region); `check` exits 2. */
export class CostInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CostInputError";
  }
}
