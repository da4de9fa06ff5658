/**
 * The repeated-names export shape: a stack export copied `copies` times under new URNs while every
 * copy keeps the same ids, names and ARNs in its properties — what an audit meets in copied stacks,
 * or in programs that give many resources one physical name. Lookups by identifier then return
 * every copy at once; an audit must still cost time linear in resources.
 */
import type { StackExport } from "../../policies/offline/state-export";

/** `doc` with its resources copied under new URNs; properties and ids are left as they are. */
export function replicateSharingNames(doc: StackExport, copies: number): StackExport {
  const resources = doc.deployment.resources;
  const root = resources.find((r) => r.type === "pulumi:pulumi:Stack");
  const replicated = resources.filter((r) => r.parent !== undefined && r !== root);
  const out = [...resources];
  for (let k = 1; k < copies; k++) {
    const urnMap = new Map<string, string>();
    for (const r of replicated) urnMap.set(String(r.urn), `${String(r.urn)}-copy${k}`);
    const renameUrn = (urn: string) => urnMap.get(urn) ?? urn;
    for (const r of replicated) {
      const copy: Record<string, unknown> = { ...r, urn: renameUrn(String(r.urn)) };
      if (typeof r.parent === "string") copy.parent = renameUrn(r.parent);
      if (Array.isArray(r.dependencies)) {
        copy.dependencies = r.dependencies.map((d) => renameUrn(String(d)));
      }
      if (typeof r.provider === "string") {
        const at = r.provider.lastIndexOf("::");
        copy.provider = `${renameUrn(r.provider.slice(0, at))}${r.provider.slice(at)}`;
      }
      if (r.propertyDependencies !== undefined && r.propertyDependencies !== null) {
        copy.propertyDependencies = Object.fromEntries(
          Object.entries(r.propertyDependencies as Record<string, unknown>).map(([k2, deps]) => [
            k2,
            Array.isArray(deps) ? deps.map((d) => renameUrn(String(d))) : deps,
          ]),
        );
      }
      out.push(copy);
    }
  }
  return { ...doc, deployment: { ...doc.deployment, resources: out } };
}
