import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT } from "../../app/build";
import { imageEnv } from "./image-env";

function dockerfile(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "eventstack-dockerfile-")), "Dockerfile");
  writeFileSync(path, text);
  return path;
}

describe("imageEnv (the ENV a bench runs a bundle with)", () => {
  it("reads the final stage's ENV pairs across line continuations, later keys winning", () => {
    const path = dockerfile(
      [
        "FROM node:24-bookworm AS build",
        "ENV NODE_ENV=development",
        "RUN npm ci",
        "FROM node:24-bookworm-slim AS runtime",
        "ENV NODE_ENV=production \\",
        "    NODE_OPTIONS=--enable-source-maps \\",
        "    PORT=8080",
        "ENV PORT=9090",
        'CMD ["node", "dist/consumer/index.mjs"]',
      ].join("\n"),
    );
    assert.deepEqual(imageEnv(path), {
      NODE_ENV: "production",
      NODE_OPTIONS: "--enable-source-maps",
      PORT: "9090",
    });
  });

  it("refuses a form it does not read (quoted or interpolated values), naming the pair", () => {
    const quoted = dockerfile('FROM node:24-slim\nENV NODE_OPTIONS="--enable-source-maps --x"\n');
    assert.throws(
      () => imageEnv(quoted),
      /ENV "NODE_OPTIONS=\\"--enable-source-maps" is not an unquoted KEY=value pair/,
    );
    const interpolated = dockerfile("FROM node:24-slim\nENV PATH=$PATH:/srv/bin\n");
    assert.throws(() => imageEnv(interpolated), /ENV "PATH=\$PATH:\/srv\/bin"/);
    assert.throws(() => imageEnv(dockerfile("# empty\n")), /no FROM instruction/);
  });

  it("gives the consumer image's runtime its source maps and production mode", () => {
    for (const image of ["consumer", "audit"]) {
      const env = imageEnv(join(REPO_ROOT, "app", image, "Dockerfile"));
      assert.equal(env.NODE_OPTIONS, "--enable-source-maps", image);
      assert.equal(env.NODE_ENV, "production", image);
    }
  });
});
