import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { s3 } from '#clients/s3';

/**
 * A Lambda handler for tests of the local IAM check: makes the one S3 call the event asks for
 * through the functions' own S3 client, so a test can run it under any synthesized role.
 */
export interface ProbeEvent {
  readonly call: 'get' | 'put' | 'delete';
  readonly bucket: string;
  readonly key: string;
}

export async function handler(event: ProbeEvent): Promise<{ ok: true; body?: string }> {
  const location = { Bucket: event.bucket, Key: event.key };
  switch (event.call) {
    case 'get': {
      const object = await s3.send(new GetObjectCommand(location));
      return { ok: true, body: await object.Body!.transformToString() };
    }
    case 'put':
      await s3.send(new PutObjectCommand({ ...location, Body: 'probe' }));
      return { ok: true };
    case 'delete':
      await s3.send(new DeleteObjectCommand(location));
      return { ok: true };
  }
}
