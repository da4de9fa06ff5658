/**
 * Brings a version-1 or version-2 deployment up to version 3, as the engine does before it reads
 * one (github.com/pulumi/pulumi, pkg/resource/stack/migrate: `UpToDeploymentV2`,
 * `UpToDeploymentV3`, `UpToResourceV2`, `UpToResourceV3`).
 *
 * What changes for an audit: version 3 adds `propertyDependencies`, which the migration fills by
 * assuming every input property depends on all of the resource's dependencies. `ResourceV1.defaults`
 * is dropped; `external` and `provider` (new in version 2) stay unset for version-1 resources.
 */
import type { Deployment, ExportedResource } from "./state-schema";

/**
 * `migrate.UpToResourceV3` (after `UpToResourceV2`): neither older type has
 * `propertyDependencies`, so any such key is replaced, as decoding into the older Go type drops it.
 */
export function upToResourceV3(r: ExportedResource): ExportedResource {
  const { defaults: _defaults, propertyDependencies: _dropped, ...rest } = r;
  const dependencies = r.dependencies ?? [];
  const propertyDependencies = Object.fromEntries(
    Object.keys(r.inputs ?? {}).map((key) => [key, [...dependencies]]),
  );
  return { ...rest, propertyDependencies };
}

/** `migrate.UpToDeploymentV3` (after `UpToDeploymentV2` for version 1). */
export function upToDeploymentV3(deployment: Deployment): Deployment {
  const { resources, pending_operations: pending } = deployment;
  return {
    ...deployment,
    ...(resources === undefined ? {} : { resources: resources.map(upToResourceV3) }),
    ...(pending === undefined
      ? {}
      : {
          pending_operations: pending.map((op) => ({
            ...op,
            resource: upToResourceV3(op.resource),
          })),
        }),
  };
}
