import assert from "node:assert/strict";
import { request } from "node:http";
import { connect } from "node:net";
import { orderPlaced, pushBody } from "../support/fixtures";
import { bundles } from "../support/bundles";
import { run, type Child } from "../support/process";

describe("consumer bundle as a process: SIGTERM drains in-flight work (Cloud Run gives 10 s)", function () {
  this.timeout(30_000);
  let child: Child | undefined;

  before(async function () {
    this.timeout(60_000);
    await bundles();
  });
  afterEach(() => {
    if (child !== undefined && child.proc.exitCode === null) child.proc.kill("SIGKILL");
  });

  it("finishes a request in flight at SIGTERM, refuses new connections, and exits 0 well within 10 s", async () => {
    const { consumer } = await bundles();
    child = run([consumer.file], { PORT: "0", AUTH_MODE: "none", CONSUMER_NAME: "orders" });
    const listening = await child.waitForLine("consumer listening");
    const port = Number(listening.port);

    // A slow client: headers and half the body now, the rest after SIGTERM.
    const body = Buffer.from(JSON.stringify(pushBody(orderPlaced())));
    const half = Math.floor(body.length / 2);
    const req = request({
      host: "127.0.0.1",
      port,
      method: "POST",
      path: "/",
      headers: { "content-type": "application/json", "content-length": body.length },
    });
    const response = new Promise<{ status: number; text: string }>((resolve, reject) => {
      req.on("error", reject);
      req.on("response", (res) => {
        let text = "";
        res.setEncoding("utf8").on("data", (c: string) => (text += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
      });
    });
    req.write(body.subarray(0, half));
    // Loopback delivers the headers in well under this; the request must be in flight at SIGTERM.
    await new Promise((r) => setTimeout(r, 200));

    const signalledAt = Date.now();
    child.proc.kill("SIGTERM");
    await child.waitForLine(/^shutdown started/);
    await until(() => refused(port), 3000);

    req.end(body.subarray(half));
    const res = await response;
    assert.equal(res.status, 200, res.text);
    assert.equal((JSON.parse(res.text) as { status: string }).status, "processed");

    const code = await child.exited;
    const elapsed = Date.now() - signalledAt;
    assert.equal(code, 0, child.output());
    assert.ok(elapsed < 5000, `exited ${elapsed} ms after SIGTERM`);
    const done = child.lines.find((l) => l.message === "shutdown complete");
    assert.equal((done?.metrics as { processed: number } | undefined)?.processed, 1);
  });

  it("cuts a request whose body stalled and still exits 0 on SIGTERM, before the drain deadline", async () => {
    const { consumer } = await bundles();
    child = run([consumer.file], { PORT: "0", AUTH_MODE: "none" });
    const port = Number((await child.waitForLine("consumer listening")).port);
    const body = Buffer.from(JSON.stringify(pushBody(orderPlaced())));
    const req = request({
      host: "127.0.0.1",
      port,
      method: "POST",
      path: "/",
      headers: { "content-type": "application/json", "content-length": body.length },
    });
    const ended = new Promise<string>((resolve) => {
      req.on("response", (res) => resolve(`status ${res.statusCode}`));
      req.on("error", (err) => resolve(`error ${err.message}`));
    });
    req.write(body.subarray(0, 20)); // …and nothing more: a stalled body
    await new Promise((r) => setTimeout(r, 200));
    child.proc.kill("SIGTERM");
    assert.equal(await child.exited, 0, child.output());
    assert.match(await ended, /^error /, "the stalled request must not be acknowledged");
    const cut = child.lines.find((l) =>
      /^request body stalled during shutdown/.test(String(l.message)),
    );
    assert.equal(typeof cut?.processing_time_ms, "number");
    assert.equal(
      child.lines.find((l) => l.message === "drain deadline passed; closing remaining connections"),
      undefined,
    );
  });

  it("exits 0 promptly on SIGTERM when idle", async () => {
    const { consumer } = await bundles();
    child = run([consumer.file], { PORT: "0", AUTH_MODE: "none" });
    await child.waitForLine("consumer listening");
    child.proc.kill("SIGTERM");
    assert.equal(await child.exited, 0, child.output());
  });
});

/** Resolves true when a TCP connection to the port is refused. */
function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", (err: NodeJS.ErrnoException) => resolve(err.code === "ECONNREFUSED"));
  });
}

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
