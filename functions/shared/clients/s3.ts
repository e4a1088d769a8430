import { S3Client } from '@aws-sdk/client-s3';

// The AWS_ENDPOINT_URL_* variables are set only by the local runtime, which points the same code
// at the emulators; on AWS they are absent and the SDK's defaults apply.
const endpoint = process.env.AWS_ENDPOINT_URL_S3;

/**
 * S3, built once per container. Checksums only when required: `s3rver` corrupted streamed
 * uploads with the SDK's default checksums, and S3 itself still verifies Content-MD5/SigV4.
 */
export const s3 = new S3Client({
  ...(endpoint ? { endpoint, forcePathStyle: true } : {}),
  requestChecksumCalculation: 'WHEN_REQUIRED',
  responseChecksumValidation: 'WHEN_REQUIRED',
});
