/**
 * Verification of the OIDC token Pub/Sub attaches to authenticated push requests: RS256 signature
 * against Google's published keys, issuer, audience, expiry, and that the token was minted for
 * the configured push service account (`email`, with `email_verified`).
 */
import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from "jose";
import { RetryableError, errorMessage } from "../core/errors";
import { preview } from "../core/issues";

/** Google's signing keys for ID tokens (the default of `OIDC_JWKS_URL`). */
export const GOOGLE_JWKS_URL = new URL("https://www.googleapis.com/oauth2/v3/certs");
/** Google ID tokens carry either spelling of the issuer. */
export const GOOGLE_ISSUERS = ["https://accounts.google.com", "accounts.google.com"];

/**
 * Longest accepted token lifetime (`exp` − `iat`) and age: Google ID tokens are valid for one
 * hour (https://cloud.google.com/docs/authentication/token-types#id-lifetime). A token claiming
 * more was not minted by Google's token service.
 */
export const MAX_TOKEN_LIFETIME_SECONDS = 3600;

/** Why a request was refused: 401 (no valid token) or 403 (valid token, wrong caller). */
export class AuthError extends Error {
  override readonly name = "AuthError";
  constructor(
    readonly status: 401 | 403,
    message: string,
  ) {
    super(message);
  }
}

/** Options of the push token verifier. */
export interface PushTokenVerifierOptions {
  /** Expected `aud` (the push subscription's configured audience). */
  readonly audience: string;
  /** Expected `email`: the push subscription's service account. */
  readonly serviceAccountEmail: string;
  /** Key source. Default: the JWKS at `jwksUrl`, fetched and cached. */
  readonly keys?: JWTVerifyGetKey;
  /** Where the signing keys are published when `keys` is not given. Default `GOOGLE_JWKS_URL`. */
  readonly jwksUrl?: URL;
  /** Accepted issuers. Default `GOOGLE_ISSUERS`. */
  readonly issuers?: readonly string[];
  /** Clock skew allowed on `exp`/`iat`, in seconds. Default 30. */
  readonly clockToleranceSeconds?: number;
}

/** Verifies an `Authorization` header value; resolves the caller's email or throws. */
export type PushTokenVerifier = (authorization: string | undefined) => Promise<{ email: string }>;

/** Errors that mean "this token is not acceptable" (401) rather than "we could not check" (retry). */
const REJECTED = new Set([
  errors.JWTExpired.code,
  errors.JWTClaimValidationFailed.code,
  errors.JWTInvalid.code,
  errors.JWSInvalid.code,
  errors.JWSSignatureVerificationFailed.code,
  errors.JOSEAlgNotAllowed.code,
  errors.JOSENotSupported.code,
  errors.JWKSNoMatchingKey.code,
  errors.JWKSMultipleMatchingKeys.code,
]);

/** Builds the verifier; key fetching is lazy and cached by jose. */
export function createPushTokenVerifier(options: PushTokenVerifierOptions): PushTokenVerifier {
  const keys = options.keys ?? createRemoteJWKSet(options.jwksUrl ?? GOOGLE_JWKS_URL);
  const tolerance = options.clockToleranceSeconds ?? 30;
  const expectedEmail = options.serviceAccountEmail.toLowerCase();
  return async (authorization) => {
    const match =
      authorization === undefined ? null : /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (match === null || match[1] === undefined) {
      throw new AuthError(
        401,
        "missing bearer token: push requests must carry Authorization: Bearer <OIDC token>",
      );
    }
    let payload;
    try {
      ({ payload } = await jwtVerify(match[1], keys, {
        issuer: [...(options.issuers ?? GOOGLE_ISSUERS)],
        audience: options.audience,
        algorithms: ["RS256"],
        requiredClaims: ["exp", "iat", "email"],
        clockTolerance: tolerance,
        // Also refuses an `iat` in the future beyond the tolerance (jose: "iat" claim timestamp
        // check failed (it should be in the past); panva/jose src/lib/jwt_claims_set.ts).
        maxTokenAge: MAX_TOKEN_LIFETIME_SECONDS,
      }));
    } catch (err) {
      if (err instanceof errors.JOSEError && REJECTED.has(err.code)) {
        throw new AuthError(401, `token rejected: ${err.message}`);
      }
      throw new RetryableError(`could not check the token: ${errorMessage(err)}`, { cause: err });
    }
    // Both are numbers here: jose validated them as required NumericDate claims.
    const lifetime = Number(payload.exp) - Number(payload.iat);
    if (!(lifetime <= MAX_TOKEN_LIFETIME_SECONDS + tolerance)) {
      throw new AuthError(
        401,
        `token rejected: lifetime ${lifetime} s (exp - iat) exceeds Google's ${MAX_TOKEN_LIFETIME_SECONDS} s`,
      );
    }
    const email = typeof payload.email === "string" ? payload.email.toLowerCase() : undefined;
    if (email !== expectedEmail || payload.email_verified !== true) {
      throw new AuthError(
        403,
        `token was issued to ${preview(payload.email)}${payload.email_verified === true ? "" : " (email not verified)"}, expected ${options.serviceAccountEmail}`,
      );
    }
    return { email };
  };
}
