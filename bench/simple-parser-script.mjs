// The baseline bench/cli-startup.ts compares `intake parse` with: a plain Node script that parses
// FILE with mailparser's simpleParser, as anyone would write it, and prints what it found (each
// attachment hashed, as intake does).
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { simpleParser } from 'mailparser';

const message = await simpleParser(createReadStream(process.argv[2]));
console.log(
  JSON.stringify({
    messageId: message.messageId,
    subject: message.subject,
    attachments: message.attachments.map((a) => ({
      filename: a.filename,
      size: a.size,
      sha256: createHash('sha256').update(a.content).digest('hex'),
    })),
  }),
);
