/**
 * Decrypts EventBridge's `Encrypted Events` payloads the way AWS documents it
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-encryption-event-bus-dlq-decrypt.html):
 * the payload is an AWS Encryption SDK message (algorithm ALG_AES_256_GCM_HKDF_SHA512_COMMIT_KEY)
 * whose data key the KMS key in `detail.kms-key-arn` decrypts. The caller needs kms:Decrypt on it.
 */
import { buildClient, CommitmentPolicy, KmsKeyringNode } from "@aws-crypto/client-node";
import type { KMS } from "@aws-sdk/client-kms";
import type { DecryptPayload } from "./decode-aws";

// EventBridge encrypts with a committing suite, so decryption can require commitment.
const { decrypt } = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT);

/** A decrypter that calls KMS through `kms`. */
export function encryptionSdkDecrypter(kms: KMS): DecryptPayload {
  return async (payload, kmsKeyArn) => {
    const keyring = new KmsKeyringNode({ keyIds: [kmsKeyArn], clientProvider: () => kms });
    const { plaintext } = await decrypt(keyring, Buffer.from(payload, "base64"));
    return plaintext.toString("utf8");
  };
}
