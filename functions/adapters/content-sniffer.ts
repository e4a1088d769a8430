import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { fileTypeFromBuffer } from 'file-type';

/**
 * Bytes kept from the start and the end of a file to recognise it. File types are recognised by
 * their leading bytes; a PDF's trailer (where `/Encrypt` sits) is at its end, or at its start when
 * it is linearised. Constant memory whatever the file's size.
 */
const HEAD_BYTES = 64 * 1024;
const TAIL_BYTES = 64 * 1024;

export interface SniffedContent {
  readonly sha256: string;
  readonly size: number;
  readonly detectedType: string | null;
  readonly encrypted: boolean;
}

/**
 * A pass-through stream that hashes, counts and remembers the edges of what flows through it.
 * Pipe content through it on the way to storage, then call `result()` after it ended.
 */
export class ContentSniffer extends Transform {
  readonly #hash = createHash('sha256');
  #size = 0;
  #head: Buffer[] = [];
  #headLength = 0;
  #tail: Buffer = Buffer.alloc(0);

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.#hash.update(chunk);
    this.#size += chunk.length;
    if (this.#headLength < HEAD_BYTES) {
      const take = chunk.subarray(0, HEAD_BYTES - this.#headLength);
      this.#head.push(take);
      this.#headLength += take.length;
    }
    const joined = Buffer.concat([this.#tail, chunk]);
    this.#tail = Buffer.from(joined.subarray(Math.max(0, joined.length - TAIL_BYTES)));
    callback(null, chunk);
  }

  /** The facts about the content; call once the stream has ended. */
  async result(): Promise<SniffedContent> {
    const head = Buffer.concat(this.#head);
    const detected = head.length === 0 ? undefined : await fileTypeFromBuffer(head);
    const detectedType = detected?.mime ?? null;
    return {
      sha256: this.#hash.digest('hex'),
      size: this.#size,
      detectedType,
      encrypted: isEncrypted(detectedType, head, this.#tail),
    };
  }
}

function isEncrypted(type: string | null, head: Buffer, tail: Buffer): boolean {
  if (type === 'application/pdf') {
    return head.includes('/Encrypt') || tail.includes('/Encrypt');
  }
  if (type === 'application/zip') {
    // General-purpose flag bit 0 of the first local file header marks an encrypted entry.
    return head.length >= 8 && head.readUInt32LE(0) === 0x04034b50 && (head.readUInt16LE(6) & 0x1) === 1;
  }
  if (
    type === 'application/x-7z-compressed' ||
    type === 'application/x-rar-compressed' ||
    type === 'application/vnd.rar'
  ) {
    // Their encryption flags sit deep in the headers; treat them as opaque archives (held anyway).
    return false;
  }
  return false;
}
