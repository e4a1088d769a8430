import type { CaseFile } from '../domain/case-file.ts';
import type { CaseworkerAlert } from '../domain/caseworker-alert.ts';
import type { UndeliverableReason } from '../domain/undeliverable-addresses.ts';
import type { CaseMailer } from './case-mailer.ts';

const KIND_TEXT: Readonly<Record<UndeliverableReason, string>> = {
  'permanent-bounce': 'dauerhaft unzustellbar',
  complaint: 'als Spam gemeldet',
};

/** Tells the caseworker by email (to the case's caseworker or team mailbox). */
export class EmailCaseworkerAlert implements CaseworkerAlert {
  readonly #mailer: CaseMailer;

  constructor(mailer: CaseMailer) {
    this.#mailer = mailer;
  }

  async undeliverable(caseFile: CaseFile, address: string, kind: UndeliverableReason): Promise<void> {
    await this.#mailer.toCaseworker(
      caseFile,
      'caseworker-undeliverable',
      { address, kind: KIND_TEXT[kind] },
      `undeliverable#${caseFile.reference}#${address}#${kind}`,
    );
  }
}
