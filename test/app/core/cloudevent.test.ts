import assert from "node:assert/strict";
import {
  decodeBase64,
  fromBinary,
  fromStructured,
  isJsonMediaType,
} from "../../../app/core/cloudevent";
import { InvalidEventError } from "../../../app/core/errors";

const base = {
  specversion: "1.0",
  id: "0f4c3a52-9a1e-4d8b-b7c4-2f6e1d9a8b31",
  source: "//orders.example.com/checkout",
  type: "com.example.order.placed.v1",
};

describe("CloudEvent structured mode", () => {
  it("keeps attributes, extensions and data as given", () => {
    const event = fromStructured(
      {
        ...base,
        time: "2025-11-20T09:15:01.482Z",
        traceparent: "00-abc",
        priority: 3,
        data: { a: 1 },
      },
      "event",
    );
    assert.deepEqual(event, {
      ...base,
      time: "2025-11-20T09:15:01.482Z",
      traceparent: "00-abc",
      priority: 3,
      data: { a: 1 },
    });
  });

  it("decodes data_base64 and parses it when the content type is JSON", () => {
    const event = fromStructured(
      {
        ...base,
        datacontenttype: "application/json",
        data_base64: Buffer.from('{"a":1}').toString("base64"),
      },
      "event",
    );
    assert.deepEqual(event.data, { a: 1 });
    assert.equal("data_base64" in event, false);
  });

  const invalid: [string, Record<string, unknown>, RegExp][] = [
    ["a missing id (never invented)", { ...base, id: undefined }, /event\.id: missing/],
    [
      "specversion 0.3",
      { ...base, specversion: "0.3" },
      /event\.specversion: must be "1\.0" \(got "0\.3"\)/,
    ],
    [
      "an empty source",
      { ...base, source: "" },
      /event\.source: must be a non-empty URI-reference/,
    ],
    [
      "a time that is not RFC 3339",
      { ...base, time: "20/11/2025 09:15" },
      /event\.time: must be an RFC 3339 timestamp \(got "20\/11\/2025 09:15"\)/,
    ],
    [
      "an upper-case extension name",
      { ...base, traceParent: "x" },
      /event\.traceParent: extension attribute names must be 1-20 lower-case letters or digits/,
    ],
    [
      "an object-valued extension",
      { ...base, tenant: { id: 1 } },
      /event\.tenant: must be a string, integer or boolean/,
    ],
    [
      "both data and data_base64",
      { ...base, data: {}, data_base64: "e30=" },
      /has both data and data_base64/,
    ],
    ["a dataschema that is not a URI", { ...base, dataschema: "not a uri" }, /event\.dataschema/],
  ];
  for (const [name, input, message] of invalid) {
    it(`rejects ${name}`, () => {
      assert.throws(
        () => fromStructured(input, "event"),
        (err: Error) => err instanceof InvalidEventError && message.test(err.message),
      );
    });
  }

  it("rejects a JSON value that is not an object", () => {
    for (const value of [null, [], "event", 1])
      assert.throws(
        () => fromStructured(value, "event"),
        /event: must be a CloudEvents JSON object/,
      );
  });
});

describe("CloudEvent binary mode", () => {
  it("maps ce-* fields to attributes and content-type to datacontenttype", () => {
    const event = fromBinary(
      {
        "ce-specversion": "1.0",
        "ce-id": "1",
        "ce-source": "/s",
        "ce-type": "t",
        "ce-tenant": "acme",
        "content-type": "application/json",
        "x-other": "ignored",
      },
      { a: 1 },
      "headers",
    );
    assert.deepEqual(event, {
      specversion: "1.0",
      id: "1",
      source: "/s",
      type: "t",
      datacontenttype: "application/json",
      tenant: "acme",
      data: { a: 1 },
    });
  });

  it("prefers ce-datacontenttype over content-type", () => {
    const event = fromBinary(
      { ...ce(), "ce-datacontenttype": "application/json", "content-type": "text/plain" },
      undefined,
      "h",
    );
    assert.equal(event.datacontenttype, "application/json");
  });

  it("names the binary field (ce-id) in errors", () => {
    assert.throws(
      () => fromBinary({ ...ce(), "ce-id": "" }, undefined, "attributes"),
      /attributes\.ce-id: must be a non-empty string/,
    );
  });
});

describe("data decoding helpers", () => {
  it("recognises JSON media types with parameters and +json suffixes", () => {
    assert.deepEqual(
      [
        "application/json; charset=utf-8",
        "application/vnd.orders+json",
        "text/plain",
        undefined,
      ].map(isJsonMediaType),
      [true, true, false, false],
    );
  });

  it("decodes strict base64 only", () => {
    assert.equal(decodeBase64("aGVsbG8=", "d").toString(), "hello");
    for (const bad of ["aGVsbG8", "a GVsbG8=", "aGVsbG8=!", 42])
      assert.throws(() => decodeBase64(bad, "d"), /d: must be a base64 string/);
  });
});

function ce(): Record<string, string> {
  return { "ce-specversion": "1.0", "ce-id": "1", "ce-source": "/s", "ce-type": "t" };
}
