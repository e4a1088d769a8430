import { renderMessage } from '../domain/message-rendering.ts';
import type { Mailer, RateLimiter } from '../domain/outbound-message.ts';
import type { TriageRepository } from '../domain/triage.ts';
import {
  composeTriageDigest,
  TRIAGE_DIGEST_PERIOD_SECONDS,
  type DigestCursor,
} from '../domain/triage-digest.ts';
import { sendWithinRateLimit } from './rate-limited-send.ts';

export interface TriageDigestSettings {
  /** The office's team mailbox (stage config `caseworkerMailbox`). */
  readonly mailbox: string;
  readonly officeName: string;
  readonly fromAddress: string;
  readonly timeZone: string;
}

/**
 * Tells the office's team mailbox what landed in triage since the last digest: at most one email
 * an hour (a rate-limit slot, so a schedule that fires more often, or twice, sends once), none
 * when nothing new arrived. Entries that arrive after a digest wait for the next one.
 */
export class SendTriageDigest {
  readonly #triage: TriageRepository;
  readonly #cursor: DigestCursor;
  readonly #rateLimiter: RateLimiter;
  readonly #mailer: Mailer;
  readonly #settings: TriageDigestSettings;

  constructor(deps: {
    triage: TriageRepository;
    cursor: DigestCursor;
    rateLimiter: RateLimiter;
    mailer: Mailer;
    settings: TriageDigestSettings;
  }) {
    this.#triage = deps.triage;
    this.#cursor = deps.cursor;
    this.#rateLimiter = deps.rateLimiter;
    this.#mailer = deps.mailer;
    this.#settings = deps.settings;
  }

  async run(now: Date): Promise<{ sent: boolean; entries: number; reason?: string }> {
    const digest = composeTriageDigest(
      await this.#triage.list(),
      await this.#cursor.get(),
      this.#settings.timeZone,
    );
    if (digest === null) return { sent: false, entries: 0, reason: 'nothing-new' };
    const rendered = renderMessage('caseworker-triage-digest', 'de', {
      officeName: this.#settings.officeName,
      ...digest.view,
    });
    // The holder is what the digest covers: a retried invocation is the same digest, sent once.
    const holder = `digest#${digest.newest}`;
    const outcome = await sendWithinRateLimit(
      this.#rateLimiter,
      { key: 'triage-digest', holder, periodSeconds: TRIAGE_DIGEST_PERIOD_SECONDS },
      now,
      async () => {
        await this.#mailer.send(
          {
            kind: 'caseworker-triage-digest',
            caseReference: null,
            to: [this.#settings.mailbox],
            ...rendered,
            attachments: [],
            autoSubmitted: 'auto-generated',
            replyTo: this.#settings.fromAddress,
            inReplyTo: null,
          },
          holder,
        );
        return { sent: true } as const;
      },
    );
    if (!outcome.sent) return { sent: false, entries: 0, reason: outcome.reason };
    await this.#cursor.set(digest.newest);
    return { sent: true, entries: Number(digest.view.count) };
  }
}
