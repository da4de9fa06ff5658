/**
 * A stand-in for Google's token issuer: an RSA key pair generated per run, its JWKS served from a
 * loopback HTTP server, and a signer for push tokens shaped like the ones Pub/Sub sends.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JWTPayload } from "jose";

export const AUDIENCE = "https://orders-consumer-abc123-ew.a.run.app";
export const PUSH_SA = "eventstack-dev-push@eventstack-dev.iam.gserviceaccount.com";

export interface TestIssuer {
  readonly jwksUrl: URL;
  /** A push token; `claims` override the realistic defaults, `null` removes a claim. */
  sign(claims?: Record<string, unknown>, key?: CryptoKey): Promise<string>;
  /** A key whose public half is NOT in the JWKS. */
  readonly strangerKey: CryptoKey;
  /** How many times the JWKS was fetched. */
  readonly jwksRequests: number;
  close(): Promise<void>;
}

export async function startTestIssuer(): Promise<TestIssuer> {
  const { publicKey, privateKey } = await generateKeyPair("RS256", { extractable: true });
  const stranger = await generateKeyPair("RS256");
  const kid = "test-key-1";
  const jwks = JSON.stringify({
    keys: [{ ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" }],
  });
  let jwksRequests = 0;
  const server: Server = createServer((_req, res) => {
    jwksRequests += 1;
    res.writeHead(200, { "content-type": "application/json" }).end(jwks);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    jwksUrl: new URL(`http://127.0.0.1:${port}/oauth2/v3/certs`),
    strangerKey: stranger.privateKey,
    get jwksRequests() {
      return jwksRequests;
    },
    async sign(claims = {}, key = privateKey) {
      const now = Math.floor(Date.now() / 1000);
      const payload: Record<string, unknown> = {
        aud: AUDIENCE,
        azp: "113774264463038321964",
        email: PUSH_SA,
        email_verified: true,
        sub: "113774264463038321964",
        iss: "https://accounts.google.com",
        iat: now,
        exp: now + 3600,
        ...claims,
      };
      for (const [k, v] of Object.entries(payload)) if (v === null) delete payload[k];
      return new SignJWT(payload as JWTPayload)
        .setProtectedHeader({ alg: "RS256", kid, typ: "JWT" })
        .sign(key);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
