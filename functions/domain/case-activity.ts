/**
 * What caseworkers did on a case (Bearbeitungsprotokoll): every action taken in the console and
 * every document opened, with who and when. Kept beside the message log, which records emails.
 */
export type CaseActivityKind =
  | 'document-viewed'
  | 'quarantined-file-downloaded'
  | 'message-viewed'
  | 'document-moved'
  | 'item-ticked'
  | 'item-unticked'
  | 'assigned-from-triage'
  | 'case-opened-from-triage'
  | 'query-sent'
  | 'invitation-sent'
  | 'appointment-cancelled'
  | 'case-closed';

export interface CaseActivity {
  readonly at: string;
  /** The signed-in caseworker (their email address). */
  readonly caseworker: string;
  readonly kind: CaseActivityKind;
  /** What it was about: a document's SHA-256, a checklist item, a message id, a decision id. */
  readonly subject: string | null;
  /** The caseworker's note or a short detail (an item moved to, an appointment time). */
  readonly detail: string | null;
}

/** Where a case's activity is kept. Entries are only ever added. */
export interface CaseActivityLog {
  record(reference: string, activity: CaseActivity): Promise<void>;
  /** Oldest first. */
  list(reference: string): Promise<CaseActivity[]>;
}
