/**
 * `NODE_OPTIONS` of a Cloud Run service running the sample consumer image, from its memory.
 *
 * Node sizes V8's heap from the memory limit it sees, and for a 512 MiB limit V8 keeps a young
 * generation of 1 MiB semi-spaces ("on 64-bit systems with a memory limit of 512 MiB, the max
 * size of a semi-space defaults to 1 MiB", https://nodejs.org/api/cli.html#--max-semi-space-sizesize-in-mib).
 * A push consumer makes short-lived objects for every request, so that generation is scavenged
 * all the time: in a 512 MiB memory cgroup under the consumer bench's push load, V8's GC took
 * 8.9 µs of each request's 42 µs, and 1.9 µs of 36 µs with 16 MiB semi-spaces.
 *
 * V8 (Node 24) picks 16 MiB itself from just above 512 MiB to 1 GiB, and more (32 MiB at 2 GiB,
 * 64 MiB at 4 GiB) beyond, so a flag in the image would shrink the larger instances' young
 * generation: the service sets it only where V8 would pick less. It costs at most 3 × 15 MiB more
 * young generation (the same page of the Node docs), which the bench's peak-RSS rows measure in a
 * 512 MiB instance; test/components/gcp/node-options.test.ts checks V8's choice on both sides.
 *
 * Only the sample image this stack builds from app/consumer gets this: teams' own images
 * (`code.image`, `code.context`) and a prebuilt `eventstack:image`, which may be any image, set
 * their own `NODE_OPTIONS`, which a service variable would replace: a variable set on the service
 * takes precedence over the image's `ENV` of the same name, they are not merged
 * (https://cloud.google.com/run/docs/configuring/services/environment-variables, "Order of
 * precedence"). So the value repeats the image's own options.
 */

/** The image's own `NODE_OPTIONS` (`ENV` in app/consumer/Dockerfile; a test keeps them equal). */
export const IMAGE_NODE_OPTIONS = "--enable-source-maps";
/** Largest instance memory, in MB, for which V8 picks semi-spaces smaller than {@link SEMI_SPACE_MIB}. */
export const SMALL_HEAP_MAX_MB = 512;
/** The semi-space V8 gives instances from just above {@link SMALL_HEAP_MAX_MB} to 1 GiB. */
export const SEMI_SPACE_MIB = 16;

/**
 * The service's `NODE_OPTIONS` for the sample image at `memoryMb`, or `undefined` where the
 * image's own `ENV` is right as it is.
 */
export function sampleNodeOptions(memoryMb: number): string | undefined {
  return memoryMb <= SMALL_HEAP_MAX_MB
    ? `${IMAGE_NODE_OPTIONS} --max-semi-space-size=${SEMI_SPACE_MIB}`
    : undefined;
}
