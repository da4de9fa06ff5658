#!/usr/bin/env node
// The package's bin: `npx eventstack check …` runs policies/offline/cli.ts with the TypeScript
// loading `npm run check` uses (ts-node, transpile only), printing nothing but the report.
"use strict";

require("ts-node/register/transpile-only");
const { exitQuietlyOnClosedPipe } = require("./closed-pipe.ts");
const { runCommand } = require("./command.ts");

exitQuietlyOnClosedPipe();
// Like the Pulumi CLI, the project is the working directory.
void runCommand(process.argv.slice(2), process.cwd()).then((code) => {
  process.exitCode = code;
});
