import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { fileTypeFromBuffer } from 'file-type';
import { ActiveContentScan, type ActiveContentFinding } from './active-content-scan.ts';

/**
 * Bytes kept from the start and the end of a file to recognise it. File types are recognised by
 * their leading bytes; a PDF's trailer (where `/Encrypt` sits) and a zip's central directory (where
 * each entry's encryption flag sits) are at its end. Constant memory whatever the file's size.
 */
const HEAD_BYTES = 64 * 1024;
const TAIL_BYTES = 64 * 1024;

/** Bytes looked at to tell text from binary, and which kind of text. */
const TEXT_SNIFF_BYTES = 8 * 1024;

/** Share of control characters above which bytes are not text (a stray one happens in real notes). */
const MAX_CONTROL_SHARE = 0.01;

export interface SniffedContent {
  readonly sha256: string;
  readonly size: number;
  readonly detectedType: string | null;
  readonly encrypted: boolean;
  /** What in the whole file runs when it is opened (see ActiveContentScan). */
  readonly activeContent: readonly ActiveContentFinding[];
}

/**
 * A pass-through stream that hashes, counts and remembers the edges of what flows through it.
 * Pipe content through it on the way to storage, then call `result()` after it ended.
 */
export class ContentSniffer extends Transform {
  readonly #hash = createHash('sha256');
  readonly #active = new ActiveContentScan();
  #size = 0;
  #head: Buffer[] = [];
  #headLength = 0;
  /** The last chunks, together at least TAIL_BYTES long once that much went through. */
  #tail: Buffer[] = [];
  #tailLength = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.#hash.update(chunk);
    this.#active.update(chunk);
    this.#size += chunk.length;
    if (this.#headLength < HEAD_BYTES) {
      const take = Buffer.from(chunk.subarray(0, HEAD_BYTES - this.#headLength));
      this.#head.push(take);
      this.#headLength += take.length;
    }
    // Keep whole chunks and drop the oldest while the rest still covers the tail: no copying per
    // chunk (a copy of the tail per chunk cost more than the hash on large files).
    this.#tail.push(chunk);
    this.#tailLength += chunk.length;
    while (this.#tail.length > 1 && this.#tailLength - this.#tail[0]!.length >= TAIL_BYTES) {
      this.#tailLength -= this.#tail.shift()!.length;
    }
    callback(null, chunk);
  }

  /** The facts about the content; call once the stream has ended. */
  async result(): Promise<SniffedContent> {
    const head = Buffer.concat(this.#head);
    const joinedTail = Buffer.concat(this.#tail);
    const tail = joinedTail.subarray(Math.max(0, joinedTail.length - TAIL_BYTES));
    const detectedType = head.length === 0 ? null : await detectType(head);
    return {
      sha256: this.#hash.digest('hex'),
      size: this.#size,
      detectedType,
      encrypted: isEncrypted(detectedType, head, tail),
      activeContent: this.#active.findings(),
    };
  }
}

/** Outlook's TNEF (`winmail.dat`) signature, little-endian 0x223E9F78. */
const TNEF_SIGNATURE = Buffer.from([0x78, 0x9f, 0x3e, 0x22]);

async function detectType(head: Buffer): Promise<string | null> {
  if (head.subarray(0, 4).equals(TNEF_SIGNATURE)) return 'application/vnd.ms-tnef';
  // file-type throws on some malformed containers; unknown is the honest answer then.
  const detected = await fileTypeFromBuffer(head).catch(() => undefined);
  // file-type names any XML `application/xml`; an SVG image is XML that runs scripts.
  if (detected === undefined || detected.mime === 'application/xml')
    return sniffText(head.subarray(0, TEXT_SNIFF_BYTES));
  return detected.mime;
}

/**
 * Kinds of text file-type does not name (it reads binary signatures). Markup and scripts are told
 * apart from plain text because they run when opened; anything with NUL bytes or many control
 * characters is binary. Text in a legacy charset (Windows-1252 notes) is still text.
 */
function sniffText(sample: Buffer): string | null {
  if (sample.length === 0) return null;
  if (sample[0] === 0xff && sample[1] === 0xfe) return 'text/plain'; // UTF-16 with its byte order mark
  if (sample[0] === 0xfe && sample[1] === 0xff) return 'text/plain';
  let control = 0;
  for (const byte of sample) {
    if (byte === 0) return null;
    if (
      (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c && byte !== 0x1b) ||
      byte === 0x7f
    ) {
      control += 1;
    }
  }
  if (control / sample.length > MAX_CONTROL_SHARE) return null;
  const start = sample
    .toString('latin1')
    .replace(/^\u00ef\u00bb\u00bf/, '')
    .trimStart()
    .slice(0, 2048);
  if (/^-----BEGIN PGP SIGNATURE-----/.test(start)) return 'application/pgp-signature';
  if (/^-----BEGIN PGP MESSAGE-----/.test(start)) return 'application/pgp-encrypted';
  if (/^-----BEGIN PGP PUBLIC KEY BLOCK-----/.test(start)) return 'application/pgp-keys';
  if (/^BEGIN:VCALENDAR/i.test(start)) return 'text/calendar';
  // SYLK (Excel opens it, formulas and DDE included) and Excel web queries (.iqy fetch and run).
  if (/^ID;P/.test(start)) return 'application/x-sylk';
  if (/^WEB\r?\n\d/.test(start)) return 'text/x-ms-iqy';
  if (/^#!/.test(start)) return 'text/x-shellscript';
  if (/<svg[\s>]/i.test(start)) return 'image/svg+xml';
  if (/^<!doctype\s+html|<(html|head|body|script|iframe|meta|form)[\s>]/i.test(start)) return 'text/html';
  if (/^<\?xml/i.test(start)) return 'application/xml';
  if (
    /^(received|return-path|mime-version|message-id|delivered-to|dkim-signature|x-[\w-]+|from|date|subject|to):/i.test(
      start,
    )
  ) {
    const headerLines = start.split(/\r?\n/, 8).filter((line) => /^[\w-]+:\s|^\s/.test(line));
    if (headerLines.length >= 3) return 'message/rfc822';
  }
  return 'text/plain';
}

const ZIP_LOCAL_HEADER = 0x04034b50;
const ZIP_CENTRAL_HEADER = Buffer.from([0x50, 0x4b, 0x01, 0x02]);
/** "EncryptedPackage" in UTF-16LE: the stream an encrypted Word/Excel file keeps its content in. */
const OFFICE_ENCRYPTED_PACKAGE = Buffer.from('EncryptedPackage', 'utf16le');

function isEncrypted(type: string | null, head: Buffer, tail: Buffer): boolean {
  if (type === 'application/pdf') {
    // The trailer names the encryption dictionary; it sits at the end, or at the start when the
    // file is linearised (web-optimised).
    return head.includes('/Encrypt') || tail.includes('/Encrypt');
  }
  if (type === 'application/zip') {
    // General-purpose flag bit 0 marks an encrypted entry: in the first local header, and in every
    // central directory header (at the end of the file, where all entries are listed).
    if (head.length >= 8 && head.readUInt32LE(0) === ZIP_LOCAL_HEADER && (head.readUInt16LE(6) & 0x1) === 1)
      return true;
    for (
      let at = tail.indexOf(ZIP_CENTRAL_HEADER);
      at >= 0 && at + 10 <= tail.length;
      at = tail.indexOf(ZIP_CENTRAL_HEADER, at + 4)
    ) {
      if ((tail.readUInt16LE(at + 8) & 0x1) === 1) return true;
    }
    return false;
  }
  if (type === 'application/x-cfb') {
    // A password-protected .docx/.xlsx is a compound file holding an `EncryptedPackage` stream.
    return head.includes(OFFICE_ENCRYPTED_PACKAGE) || tail.includes(OFFICE_ENCRYPTED_PACKAGE);
  }
  // 7z and RAR keep their encryption flags deep in compressed headers: they are held as archives anyway.
  return false;
}
