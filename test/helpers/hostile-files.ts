import { crc32 } from 'node:zlib';

/**
 * Hostile files built at test time. The EICAR test file is assembled from pieces here, so no
 * file in the repository holds the string a virus scanner on a developer's machine would remove.
 */
export function eicar(): Buffer {
  const pieces = ['X5O!P%@AP[4\\PZX54(P^)7CC)7}$', 'EICAR-STANDARD-ANTIVIRUS-', 'TEST-FILE!$H+H*'];
  return Buffer.from(pieces.join(''), 'latin1');
}

/**
 * A zip archive storing the given files uncompressed (method 0), as any zip tool reads it;
 * `encrypted` sets each entry's encryption flag (what a password-protected zip carries).
 */
export function storedZip(files: readonly { name: string; content: Buffer }[], encrypted = false): Buffer {
  const flags = 0x0800 | (encrypted ? 0x1 : 0); // UTF-8 names, and encryption
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const file of files) {
    const name = Buffer.from(file.name, 'utf8');
    const crc = crc32(file.content);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(file.content.length, 18);
    local.writeUInt32LE(file.content.length, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, file.content);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(file.content.length, 20);
    central.writeUInt32LE(file.content.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + file.content.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** A forwarded email (message/rfc822) carrying one attachment. */
export function forwardedEmail(attachment: {
  filename: string;
  content: Buffer;
  contentType: string;
}): Buffer {
  const boundary = 'fwd-boundary-1';
  return Buffer.from(
    [
      'From: someone@example.net',
      'To: ayse@example.org',
      'Subject: Unterlagen',
      'Message-ID: <forwarded-1@example.net>',
      'MIME-Version: 1.0',
      `Content-Type: multipart/mixed; boundary="${boundary}"`,
      '',
      `--${boundary}`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Anbei.',
      `--${boundary}`,
      `Content-Type: ${attachment.contentType}`,
      `Content-Disposition: attachment; filename="${attachment.filename}"`,
      'Content-Transfer-Encoding: base64',
      '',
      attachment.content.toString('base64'),
      `--${boundary}--`,
      '',
    ].join('\r\n'),
  );
}
