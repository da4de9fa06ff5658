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
        '    NODE_OPTIONS="--enable-source-maps --max-semi-space-size=16" \\',
        "    PORT=8080",
        "ENV PORT=9090",
        'CMD ["node", "dist/consumer/index.mjs"]',
      ].join("\n"),
    );
    assert.deepEqual(imageEnv(path), {
      NODE_ENV: "production",
      NODE_OPTIONS: "--enable-source-maps --max-semi-space-size=16",
      PORT: "9090",
    });
  });

  it("refuses a form it does not read (single quotes, escapes, variables), naming the pair", () => {
    const single = dockerfile("FROM node:24-slim\nENV NODE_OPTIONS='--enable-source-maps'\n");
    assert.throws(
      () => imageEnv(single),
      /ENV "NODE_OPTIONS='--enable-source-maps'" is not a KEY=value/,
    );
    const escaped = dockerfile('FROM node:24-slim\nENV GREETING="say \\"hi\\""\n');
    assert.throws(() => imageEnv(escaped), /ENV "GREETING=\\"say"/);
    const interpolated = dockerfile("FROM node:24-slim\nENV PATH=$PATH:/srv/bin\n");
    assert.throws(() => imageEnv(interpolated), /ENV "PATH=\$PATH:\/srv\/bin"/);
    assert.throws(() => imageEnv(dockerfile("# empty\n")), /no FROM instruction/);
  });

  it("gives the consumer images' runtime source maps and production mode", () => {
    for (const image of ["consumer", "audit"]) {
      const env = imageEnv(join(REPO_ROOT, "app", image, "Dockerfile"));
      assert.equal(env.NODE_OPTIONS, "--enable-source-maps", image);
      assert.equal(env.NODE_ENV, "production", image);
    }
  });
});
