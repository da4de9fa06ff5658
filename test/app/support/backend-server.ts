/** A loopback stand-in for the downstream order API: records requests, answers a chosen status. */
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Record<string, unknown>;
}

export interface FakeBackend {
  readonly url: URL;
  readonly requests: RecordedRequest[];
  /** Status for the next requests. Default 201. */
  status: number;
  /** Statuses for the next requests, one each, before `status` applies again. */
  readonly script: number[];
  close(): Promise<void>;
}

export async function startFakeBackend(): Promise<FakeBackend> {
  const requests: RecordedRequest[] = [];
  const state = { status: 201 };
  const script: number[] = [];
  const server = createServer((req, res) => {
    let text = "";
    req.setEncoding("utf8").on("data", (c: string) => (text += c));
    req.on("end", () => {
      requests.push({
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: JSON.parse(text) as Record<string, unknown>,
      });
      res
        .writeHead(script.shift() ?? state.status, { "content-type": "application/json" })
        .end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: new URL(`http://127.0.0.1:${port}/v1/`),
    requests,
    script,
    get status() {
      return state.status;
    },
    set status(value: number) {
      state.status = value;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
