import { formatCaseworkerTime } from './caseworker-notification.ts';
import type { TemplateView } from './message-rendering.ts';
import type { TriageEntry, TriageReason } from './triage.ts';

/**
 * The office's digest of what landed in triage: sent at most once an hour, only when something
 * new arrived since the last one. It names reasons and message ids, never senders or subjects:
 * a team mailbox is no place for them (they are in `intake triage list`).
 */

/** At most one digest per this many seconds. */
export const TRIAGE_DIGEST_PERIOD_SECONDS = 3600;

/** Why an email waits in triage, in the office's words. */
export const TRIAGE_REASON_DE: Readonly<Record<TriageReason, string>> = {
  'quarantined-virus': 'Virus gefunden (Quarantäne)',
  'quarantined-spam': 'als Spam eingestuft (Quarantäne)',
  'no-match': 'keinem Vorgang zuzuordnen',
  'unknown-reference': 'nennt ein unbekanntes Aktenzeichen',
  ambiguous: 'passt zu mehreren Vorgängen',
  'unverified-sender': 'Absender nicht authentifiziert',
  'reference-from-unknown-sender': 'nennt ein Aktenzeichen, Absender nicht registriert',
  'thread-reply-from-unregistered-sender': 'Antwort auf eine E-Mail des Amtes, Absender nicht registriert',
  'thread-reply-unauthenticated': 'Antwort auf eine E-Mail des Amtes, Absender nicht authentifiziert',
  'ambiguous-sender': 'Absender unklar (mehrere oder keine Adresse)',
  'from-own-address': 'angeblich von einer Adresse des Amtes',
  'case-closed': 'Vorgang abgeschlossen',
  'processing-error': 'Verarbeitung fehlgeschlagen (intake triage retry)',
};

/**
 * The digest of the entries that arrived after `since` (all when null), or null when none did:
 * no email then. `waiting` counts everything still on the list.
 */
export function composeTriageDigest(
  entries: readonly TriageEntry[],
  since: string | null,
  timeZone: string,
): { view: TemplateView; newest: string } | null {
  const fresh = entries
    .filter((e) => since === null || e.receivedAt > since)
    .sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
  if (fresh.length === 0) return null;
  return {
    newest: fresh.at(-1)!.receivedAt,
    view: {
      count: fresh.length,
      waiting: entries.length,
      entries: fresh.map((e) => ({
        receivedAt: formatCaseworkerTime(e.receivedAt, timeZone),
        reason: TRIAGE_REASON_DE[e.reason] ?? e.reason,
        messageId: e.messageId,
      })),
    },
  };
}

/** Where the digest remembers up to which arrival it has told the office. */
export interface DigestCursor {
  /** The `receivedAt` of the newest entry told, or null before the first digest. */
  get(): Promise<string | null>;
  set(newest: string): Promise<void>;
}
