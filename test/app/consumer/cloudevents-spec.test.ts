import assert from "node:assert/strict";
import { connect, type Socket } from "node:net";
import { gzipSync } from "node:zlib";
import { InMemoryOrderBackend } from "../../../app/core/backend";
import { orderPlaced, pushBody } from "../support/fixtures";
import { post, startConsumer, type RunningConsumer } from "../support/consumer";

/** Binary-mode CloudEvent headers for `event` (HTTP binding §3.1.3). */
function binaryHeaders(
  event: Record<string, unknown>,
  contentType?: string,
): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(event)) {
    if (key !== "data" && key !== "datacontenttype") headers[`ce-${key}`] = String(value);
  }
  if (contentType !== undefined) headers["content-type"] = contentType;
  return headers;
}

async function send(
  url: string,
  body: string | Buffer | undefined,
  headers: Record<string, string>,
  method = "POST",
): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const res = await fetch(url, { method, headers, ...(body === undefined ? {} : { body }) });
  const text = await res.text();
  return {
    status: res.status,
    body: text === "" ? {} : (JSON.parse(text) as Record<string, unknown>),
    headers: res.headers,
  };
}

const UNKNOWN = "com.example.someevent";

describe("CloudEvents exactly as the spec says (real HTTP on loopback)", () => {
  let consumer: RunningConsumer;
  let backend: InMemoryOrderBackend;
  beforeEach(async () => {
    backend = new InMemoryOrderBackend();
    consumer = await startConsumer({ backend });
  });
  afterEach(() => consumer.close());

  describe("null attributes are absent (JSON format §2.2)", () => {
    it("acknowledges the JSON format spec's own example (null extension, XML data)", async () => {
      // cloudevents/spec cloudevents/formats/json-format.md §3.2, first example, verbatim.
      const example = {
        specversion: "1.0",
        type: "com.example.someevent",
        source: "/mycontext",
        id: "A234-1234-1234",
        time: "2018-04-05T17:31:00Z",
        comexampleextension1: "value",
        comexampleothervalue: 5,
        unsetextension: null,
        datacontenttype: "application/xml",
        data: '<much wow="xml"/>',
      };
      const res = await post(consumer.url, example, {
        "content-type": "application/cloudevents+json",
      });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.deepEqual(res.body, { status: "ignored", event_id: "A234-1234-1234" });
    });

    it("processes a known event whose optional attributes are null", async () => {
      const event = { ...orderPlaced(), subject: null, time: null, dataschema: null };
      const structured = await post(consumer.url, event, {
        "content-type": "application/cloudevents+json",
      });
      assert.equal(structured.status, 200, JSON.stringify(structured.body));
      assert.equal(structured.body.status, "processed");
    });
  });

  describe("binary mode: data of any media type, or none", () => {
    it("acknowledges an event with no data (empty body)", async () => {
      const event = { ...orderPlaced(), type: UNKNOWN };
      const res = await send(consumer.url, undefined, binaryHeaders(event));
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.status, "ignored");
    });

    for (const [type, data] of [
      ["text/plain", "hello"],
      ["text/plain; charset=utf-8", "grüße"],
      ["application/xml", '<much wow="xml"/>'],
      ["application/octet-stream", Buffer.from([0, 159, 146, 150])],
    ] as const) {
      it(`acknowledges an unknown type with ${type} data as ignored`, async () => {
        const event = { ...orderPlaced(), type: UNKNOWN };
        const res = await send(consumer.url, data, binaryHeaders(event, type));
        assert.equal(res.status, 200, JSON.stringify(res.body));
        assert.equal(res.body.status, "ignored");
      });
    }

    it("answers 422 (poison) for a known type whose data is text instead of JSON", async () => {
      const res = await send(consumer.url, "hello", binaryHeaders(orderPlaced(), "text/plain"));
      assert.equal(res.status, 422, JSON.stringify(res.body));
      assert.equal(backend.size, 0);
    });

    it("still answers 415 for a non-JSON body that is not a binary CloudEvent", async () => {
      const res = await send(consumer.url, "<xml/>", { "content-type": "application/xml" });
      assert.equal(res.status, 415);
    });
  });

  describe("content coding and charset", () => {
    for (const encoding of ["gzip", "br", "deflate"]) {
      it(`answers 415 for Content-Encoding: ${encoding}, with Accept-Encoding: identity`, async () => {
        const body = gzipSync(JSON.stringify(pushBody(orderPlaced())));
        const res = await send(consumer.url, body, {
          "content-type": "application/json",
          "content-encoding": encoding,
        });
        assert.equal(res.status, 415, JSON.stringify(res.body));
        assert.equal(res.headers.get("accept-encoding"), "identity");
        assert.match(String(res.body.message), new RegExp(`content encoding "${encoding}"`));
        assert.equal(backend.size, 0);
      });
    }

    it("accepts Content-Encoding: identity", async () => {
      const res = await send(consumer.url, JSON.stringify(pushBody(orderPlaced())), {
        "content-type": "application/json",
        "content-encoding": "identity",
      });
      assert.equal(res.status, 200);
    });

    it("answers 415 for a charset other than UTF-8 instead of decoding it wrongly", async () => {
      const event = { ...orderPlaced(), type: UNKNOWN };
      const res = await send(
        consumer.url,
        Buffer.from("Gr\xfc\xdfe", "latin1"),
        binaryHeaders(event, "text/plain; charset=iso-8859-1"),
      );
      assert.equal(res.status, 415, JSON.stringify(res.body));
      assert.match(String(res.body.message), /charset "iso-8859-1" is not accepted; send UTF-8/);
    });
  });

  describe("extension names and __proto__", () => {
    for (const name of ["__proto__", "constructor_", "my-ext", "a".repeat(21)]) {
      it(`answers 400 for a ce-${name.slice(0, 24)} header in binary mode`, async () => {
        const headers = {
          ...binaryHeaders(orderPlaced(), "application/json"),
          [`ce-${name}`]: "x",
        };
        const res = await send(consumer.url, JSON.stringify(orderPlaced().data), headers);
        assert.equal(res.status, 400, JSON.stringify(res.body));
        assert.match(String(res.body.message), /extension attribute names must be 1-20/);
      });
    }

    it("answers 400 for a ce-__proto__ attribute of a push message", async () => {
      const body = pushBody(orderPlaced(), { extraAttributes: { "ce-__proto__": "x" } });
      const res = await post(consumer.url, body);
      assert.equal(res.status, 400, JSON.stringify(res.body));
      assert.match(String(res.body.message), /ce-__proto__: extension attribute names/);
    });

    it("answers 400 for a __proto__ attribute in a structured event", async () => {
      const text = JSON.stringify(orderPlaced()).replace(/^\{/, '{"__proto__":"x",');
      const res = await post(consumer.url, text, {
        "content-type": "application/cloudevents+json",
      });
      assert.equal(res.status, 400, JSON.stringify(res.body));
      assert.match(String(res.body.message), /CloudEvent\.__proto__: extension attribute names/);
    });

    it("treats a __proto__ key inside event data as data", async () => {
      const event = { ...orderPlaced(), type: UNKNOWN };
      const data = '{"__proto__":{"polluted":true},"note":"data"}';
      const binary = await send(consumer.url, data, binaryHeaders(event, "application/json"));
      assert.equal(binary.status, 200, JSON.stringify(binary.body));
      const structured = JSON.stringify({ ...event, id: `${event.id}-s`, data: "@" }).replace(
        '"@"',
        data,
      );
      const res = await post(consumer.url, structured, {
        "content-type": "application/cloudevents+json",
      });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
    });
  });

  describe("methods, draining and rejection logs", () => {
    for (const method of ["TRACE", "PROPFIND", "MKCOL", "OPTIONS"]) {
      it(`answers ${method} / with 405 and Allow: POST`, async () => {
        const res = await rawRequest(consumer.url, `${method} / HTTP/1.1`);
        assert.match(res, /^HTTP\/1\.1 405 /);
        assert.match(res, /\r\nallow: POST\r\n/i);
      });
    }

    it("logs every rejection with processing_time_ms", async () => {
      await post(consumer.url, { message: {}, subscription: "projects/p/subscriptions/s" });
      await fetch(`${consumer.url}/nope`);
      await fetch(consumer.url, { method: "PUT" });
      await send(consumer.url, "x", {
        "content-type": "application/json",
        "content-encoding": "br",
      });
      const lines = consumer.logs.find("request rejected");
      assert.deepEqual(
        lines.map((l) => l.status),
        [400, 404, 405, 415],
      );
      for (const line of lines) assert.equal(typeof line.processing_time_ms, "number");
    });

    it("answers a request that arrives while draining with 503 in the app's error body, and logs it", async () => {
      const { port } = new URL(consumer.url);
      const first = JSON.stringify(pushBody(orderPlaced()));
      const second = JSON.stringify(pushBody(orderPlaced()));
      const socket = await connectSocket(Number(port));
      const chunks: Buffer[] = [];
      socket.on("data", (c: Buffer) => chunks.push(c));
      const head = (body: string) =>
        `POST / HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n`;
      socket.write(head(first) + first.slice(0, 10));
      await new Promise((r) => setTimeout(r, 100));
      const closed = consumer.close();
      await new Promise((r) => setTimeout(r, 100));
      // The rest of the first request, and a second one pipelined behind it.
      socket.write(first.slice(10) + head(second) + second);
      await closed;
      await new Promise((r) => socket.once("close", r));
      const text = Buffer.concat(chunks).toString("utf8");
      const statuses = [...text.matchAll(/HTTP\/1\.1 (\d{3})/g)].map((m) => m[1]);
      assert.deepEqual(statuses, ["200", "503"], text);
      assert.match(text, /\{"error":"unavailable","message":"shutting down; retry"\}/);
      const [line] = consumer.logs.find("request rejected");
      assert.equal(line?.status, 503);
      assert.equal(typeof line?.processing_time_ms, "number");
    });
  });
});

function connectSocket(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: "127.0.0.1", port }, () => resolve(socket));
    socket.once("error", reject);
  });
}

/** Sends one raw request line (methods fetch refuses, such as TRACE) and returns the response head. */
async function rawRequest(url: string, requestLine: string): Promise<string> {
  const socket = await connectSocket(Number(new URL(url).port));
  return new Promise((resolve) => {
    let text = "";
    socket.on("data", (c: Buffer) => {
      text += c.toString("utf8");
      if (text.includes("\r\n\r\n")) {
        socket.destroy();
        resolve(text);
      }
    });
    socket.write(`${requestLine}\r\nhost: x\r\ncontent-length: 0\r\n\r\n`);
  });
}
