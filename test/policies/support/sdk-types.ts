/**
 * The resource types an installed Pulumi provider SDK defines, read from its files: each resource
 * module `<module>/<resource>.js` sets `static __pulumiType = '<token>'`, and its `.d.ts` declares
 * `export interface <Resource>Args` with the resource's input properties.
 */
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";

/** One resource type of an SDK and the input property names its Args interface declares. */
export interface SdkType {
  readonly token: string;
  readonly inputs: readonly string[];
}

function walk(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (entry.name !== "node_modules" && entry.name !== "types") walk(join(dir, entry.name), out);
    } else if (entry.name.endsWith(".js") && entry.name !== "index.js") {
      out.push(join(dir, entry.name));
    }
  }
  return out;
}

/** Every resource type of the SDK installed at `packageDir`. */
export function sdkTypes(packageDir: string): SdkType[] {
  const types: SdkType[] = [];
  for (const file of walk(packageDir)) {
    const js = readFileSync(file, "utf8");
    const token = /__pulumiType = '([^']+)'/.exec(js)?.[1];
    if (token === undefined) continue;
    const dts = file.replace(/\.js$/, ".d.ts");
    const text = existsSync(dts) ? readFileSync(dts, "utf8") : "";
    const start = text.search(/export interface \w+Args \{/);
    const body = start < 0 ? "" : text.slice(start, text.indexOf("\n}", start));
    const inputs = [...body.matchAll(/^ {4}(\w+)\??:/gm)].map((m) => m[1] ?? "");
    types.push({ token, inputs });
  }
  return types;
}
