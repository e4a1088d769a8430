/**
 * The message log (audit trail) of a case: every email in and out, when, between whom, about
 * what, with which documents and, for inbound mail, which verdicts.
 */
export interface CaseLogEntry {
  readonly direction: 'in' | 'out';
  readonly at: string;
  /** SES message id (inbound) or the id of the sent message (outbound). */
  readonly messageId: string;
  readonly from: string | null;
  readonly to: readonly string[];
  readonly subject: string | null;
  /** SHA-256 of the documents it carried (inbound) or attached (outbound). */
  readonly documents: readonly string[];
  /**
   * Files that were held, with why (inbound); with their content hash and quarantine location
   * where the email kept them (entries logged before held files were located lack these).
   */
  readonly held: readonly HeldFile[];
  /** How it was matched (inbound), or what kind of message it was (outbound: query, invitation, …). */
  readonly note: string;
  readonly verdicts?: Readonly<Record<string, string>>;
  /** Inbound automatic mail (an absence notice): on the log, but no answer to a query. */
  readonly automatic?: string;
  /** Where the exact raw message is kept. */
  readonly raw?: { readonly bucket: string; readonly key: string };
}

/** A file an inbound email carried that was held for a person, not made a document. */
export interface HeldFile {
  readonly filename: string | null;
  readonly reason: string | null;
  readonly sha256?: string;
  readonly size?: number;
  readonly detectedType?: string | null;
  readonly location?: { readonly bucket: string; readonly key: string } | null;
}
