/** Thrown for a missing or malformed project or stack file; the CLI exits 2 with its message. */
export class StackFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StackFileError";
  }
}
