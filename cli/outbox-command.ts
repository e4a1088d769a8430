import { simpleParser, type AddressObject } from 'mailparser';
import { S3SentMailArchive } from '../functions/adapters/s3-sent-mail-archive.ts';
import type { Target } from './target.ts';
import { displayLine, safeJson } from '../functions/domain/display-text.ts';

/** One sent message as `intake outbox --json` prints it (a contract used outside the tests). */
export interface OutboxEntry {
  readonly messageId: string | null;
  readonly from: string | null;
  readonly to: string[];
  readonly cc: string[];
  readonly subject: string | null;
  readonly text: string | null;
  readonly html: string | null;
  readonly attachments: { filename: string | null; contentType: string; size: number }[];
  readonly sentAt: string | null;
}

function addressList(value: AddressObject | AddressObject[] | undefined): string[] {
  return (Array.isArray(value) ? value : value ? [value] : [])
    .flatMap((o) => o.value.map((v) => v.address ?? ''))
    .filter(Boolean);
}

/** What the system has sent: its own copy of each message, oldest first. */
export async function outboxEntries(target: Target): Promise<OutboxEntry[]> {
  const entries: OutboxEntry[] = [];
  for await (const { raw } of new S3SentMailArchive(target.s3, target.documentBucket).list()) {
    const mail = await simpleParser(raw);
    entries.push({
      messageId: mail.messageId ?? null,
      from: addressList(mail.from)[0] ?? null,
      to: addressList(mail.to),
      cc: addressList(mail.cc),
      subject: mail.subject ?? null,
      text: mail.text ?? null,
      html: typeof mail.html === 'string' ? mail.html : null,
      attachments: mail.attachments.map((a) => ({
        filename: a.filename ?? null,
        contentType: a.contentType,
        size: a.size,
      })),
      sentAt: mail.date?.toISOString() ?? null,
    });
  }
  return entries;
}

export async function outboxCommand(
  target: Target,
  json: boolean,
  out: (text: string) => void,
): Promise<number> {
  const entries = await outboxEntries(target);
  if (json) {
    out(safeJson(entries));
    return 0;
  }
  if (entries.length === 0) out('Nothing sent yet.');
  for (const e of entries)
    out(
      `${e.sentAt ?? '?'}  to ${e.to.map(displayLine).join(', ')}  ${displayLine(e.subject ?? '(no subject)')}`,
    );
  return 0;
}
