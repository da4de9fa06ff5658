/**
 * The SDK wraps every promise it creates in `debuggablePromise`, which formats a stack trace for
 * it (`new Error().stack`, @pulumi/pulumi runtime/debuggable.js) in case the promise leaks. With
 * frames mapped to TypeScript lines (policies/offline/ts-loader.js), formatting maps every frame: in a
 * profile of a 20-consumer check it was a third of the CPU. Offline, those stacks are never shown,
 * so the wrapper runs with no frames captured; leak detection itself (the promises still pending
 * at exit, with their context) is unchanged. Resource source positions do not depend on it: the
 * SDK captures them with its own unlimited stack (`Resource.callsites`).
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
import debuggable = require("@pulumi/pulumi/runtime/debuggable");

type Wrap = (p: Promise<unknown>, ctx: unknown) => Promise<unknown>;
interface DebuggableModule {
  debuggablePromise: Wrap;
}

let installed = false;

/** Makes the SDK's promise wrapper capture no stack frames (once per process). */
export function withoutPromiseStacks(): void {
  if (installed) return;
  installed = true;
  const mod = debuggable as unknown as DebuggableModule;
  const original = mod.debuggablePromise;
  // The SDK's modules call it as `debuggable_1.debuggablePromise(...)`, a property read per call.
  mod.debuggablePromise = (p, ctx) => {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      return original(p, ctx);
    } finally {
      Error.stackTraceLimit = limit;
    }
  };
}
