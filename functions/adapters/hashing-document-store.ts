import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { DocumentStore, StagedFile } from '../domain/ports.ts';
import { ContentSniffer } from './content-sniffer.ts';

/**
 * A document store that keeps nothing: it reads each file to learn its hash, size and type.
 * Used by `intake parse`, which reports without storing.
 */
export class HashingDocumentStore implements DocumentStore {
  async stage(content: NodeJS.ReadableStream): Promise<StagedFile & { location: null }> {
    const sniffer = new ContentSniffer();
    const discard = new Writable({ write: (_chunk, _encoding, callback) => callback() });
    await pipeline(content, sniffer, discard);
    return { ...(await sniffer.result()), handle: randomUUID(), location: null };
  }
}
