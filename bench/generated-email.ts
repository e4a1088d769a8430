import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/** What the attachments are: random bytes behind each kind's own header, so type sniffing sees them. */
const FILE_KINDS = [
  {
    name: 'Reisepass.pdf',
    type: 'application/pdf',
    head: Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'),
  },
  {
    name: 'Passfoto.jpg',
    type: 'image/jpeg',
    head: Buffer.from('ffd8ffe000104a46494600010101004800480000', 'hex'),
  },
  { name: 'Kontoauszug.pdf', type: 'application/pdf', head: Buffer.from('%PDF-1.4\n', 'latin1') },
];

/**
 * Writes a message with base64 attachments of the given decoded sizes (PDF, JPEG, PDF, …) to
 * `path`; streams, never holds it whole. The benchmarks' common input.
 */
export async function writeGeneratedEmail(
  path: string,
  sizes: readonly number[],
): Promise<{ size: number; sha256: string }[]> {
  const out = createWriteStream(path);
  const write = async (text: string): Promise<void> => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(
    'From: Max Mustermann <max.mustermann@example.org>\r\nTo: intake@abh.example.de\r\n' +
      'Subject: Unterlagen ABH-2026-004711\r\nDate: Mon, 09 Mar 2026 10:15:00 +0100\r\n' +
      'Message-ID: <bench@example.org>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="bench"\r\n\r\n' +
      '--bench\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nAnbei meine Unterlagen.\r\n',
  );
  const attachments: { size: number; sha256: string }[] = [];
  for (const [index, size] of sizes.entries()) {
    const file = FILE_KINDS[index % FILE_KINDS.length]!;
    await write(
      `--bench\r\nContent-Type: ${file.type}; name="${file.name}"\r\nContent-Transfer-Encoding: base64\r\n` +
        `Content-Disposition: attachment; filename="${file.name}"\r\n\r\n`,
    );
    const hash = createHash('sha256');
    // 57 bytes encode to one 76-character line; blocks of whole lines keep the wrapping right.
    const block = 57 * 1000;
    let written = 0;
    while (written < size) {
      const length = Math.min(block, size - written);
      const bytes =
        written === 0
          ? Buffer.concat([file.head, randomBytes(length - file.head.length)])
          : randomBytes(length);
      hash.update(bytes);
      written += bytes.length;
      await write(`${bytes.toString('base64').replace(/.{76}/g, '$&\r\n').replace(/\r\n$/, '')}\r\n`);
    }
    attachments.push({ size: written, sha256: hash.digest('hex') });
  }
  await write('--bench--\r\n');
  out.end();
  await once(out, 'finish');
  return attachments;
}
