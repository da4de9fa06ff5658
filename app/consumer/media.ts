/**
 * The request's representation, checked before its body is read: only the identity content
 * coding and UTF-8 text are accepted, so nothing is decompressed or decoded with the wrong
 * charset. Both failures are 415 (RFC 9110 §15.5.16: "The origin server MUST generate a 415 …
 * due to the content coding"; https://www.rfc-editor.org/rfc/rfc9110#name-415-unsupported-media-type).
 */
import type { IncomingHttpHeaders } from "node:http";
import { preview } from "../core/issues";

/** A parsed `Content-Type`: lower-case `type/subtype` and the `charset` parameter if given. */
export interface MediaType {
  readonly essence: string;
  readonly charset: string | undefined;
}

/** What a bare `application/json` (Pub/Sub's push header) parses to, made once. */
const JSON_MEDIA: MediaType = Object.freeze({ essence: "application/json", charset: undefined });

/** Parses a `Content-Type` value (RFC 9110 §8.3.1); `undefined` when the header is absent. */
export function parseMediaType(header: string | undefined): MediaType | undefined {
  if (header === undefined) return undefined;
  if (header === "application/json") return JSON_MEDIA;
  const [essence = "", ...params] = header.split(";");
  let charset: string | undefined;
  for (const param of params) {
    const eq = param.indexOf("=");
    if (eq < 0) continue;
    if (param.slice(0, eq).trim().toLowerCase() === "charset") {
      charset = param
        .slice(eq + 1)
        .trim()
        .replace(/^"(.*)"$/, "$1")
        .toLowerCase();
    }
  }
  return { essence: essence.trim().toLowerCase(), charset };
}

/** Whether a media type carries JSON (`application/json`, `…+json`). */
export function isJson(media: MediaType | undefined): boolean {
  return (
    media !== undefined && (media.essence === "application/json" || media.essence.endsWith("+json"))
  );
}

/** Why the representation is refused (a 415 message), or `undefined` when it is acceptable. */
export function unsupportedRepresentation(headers: IncomingHttpHeaders): string | undefined {
  const encoding = headers["content-encoding"]?.trim().toLowerCase();
  if (encoding !== undefined && encoding !== "" && encoding !== "identity") {
    return `content encoding ${preview(headers["content-encoding"])} is not accepted; send the body uncompressed (identity)`;
  }
  const charset = parseMediaType(headers["content-type"])?.charset;
  if (charset !== undefined && charset !== "utf-8" && charset !== "utf8") {
    return `charset ${preview(charset)} is not accepted; send UTF-8`;
  }
  return undefined;
}
