/**
 * One unary call to a running pack over the analyzer protocol, as a promise, with a deadline so a
 * pack that stops answering fails its test instead of holding the run.
 */
import * as grpc from "@grpc/grpc-js";

/** How long one call may take. */
const DEADLINE_MS = 10_000;

/** `call` is the client method applied to its request, e.g. `(m, o, cb) => c.analyze(req, m, o, cb)`. */
export function unary<Res>(
  call: (
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    cb: (err: grpc.ServiceError | null, res: Res) => void,
  ) => void,
): Promise<Res> {
  return new Promise((resolve, reject) =>
    call(new grpc.Metadata(), { deadline: Date.now() + DEADLINE_MS }, (err, res) =>
      err ? reject(err) : resolve(res),
    ),
  );
}
