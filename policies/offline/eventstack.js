#!/usr/bin/env node
// The package's bin: `npx eventstack check …` runs policies/offline/cli.ts with the TypeScript
// loading `npm run check` uses (tsx: esbuild, no type-check), printing nothing but the report.
"use strict";

// tsx's documented APIs: `require` hooks for this file's requires, module hooks for the program's
// `import()` of a cloud's platform (https://tsx.is/dev-api/register-cjs, /register-esm).
require("tsx/cjs/api").register();
require("tsx/esm/api").register();
const { exitQuietlyOnClosedPipe } = require("./closed-pipe.ts");
const { runCommand } = require("./command.ts");

exitQuietlyOnClosedPipe();
// Like the Pulumi CLI, the project is the working directory.
void runCommand(process.argv.slice(2), process.cwd()).then((code) => {
  process.exitCode = code;
});
