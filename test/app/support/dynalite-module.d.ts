/** dynalite ships no type declarations; the part the tests use (its index.js, readme). */
declare module "dynalite" {
  import type { Server } from "node:http";
  interface DynaliteOptions {
    /** How long a created table stays CREATING, in ms (default 500). */
    readonly createTableMs?: number;
    /** LevelDB folder; in memory when absent. */
    readonly path?: string;
  }
  function dynalite(options?: DynaliteOptions): Server;
  export = dynalite;
}
