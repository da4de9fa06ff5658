#!/usr/bin/env node
// The package's bin: `npx eventstack check …` runs policies/offline/cli.ts with the TypeScript
// loading `npm run check` uses (./ts-loader.js: esbuild, no type-check), printing nothing but the
// report.
"use strict";

// Registers the module hooks before the first TypeScript file is required.
require("./ts-loader.js");
const { exitQuietlyOnClosedPipe } = require("./closed-pipe.ts");
const { runCommand } = require("./command.ts");

exitQuietlyOnClosedPipe();
// Like the Pulumi CLI, the project is the working directory.
void runCommand(process.argv.slice(2), process.cwd()).then((code) => {
  process.exitCode = code;
});
