/**
 * The custom metrics of messages a person must or may look at, in the namespace
 * `POWERTOOLS_METRICS_NAMESPACE`. Each is published twice per message: with the `service`
 * dimension only (what alarms watch) and with `service` and `reason` (what a dashboard splits by).
 * The contract between the handlers that decide these outcomes and the alarms in lib/.
 */
export const MESSAGE_METRICS = {
  /** A step failed and HoldForPerson put the message in triage. Alarmed on. */
  held: 'HeldMessages',
  /** ScreenEmail quarantined the message (virus or spam verdict). */
  quarantined: 'QuarantinedMessages',
  /** MatchCase found no case and put the message in triage. */
  triaged: 'TriagedMessages',
  /** SendTriageReply answered a triaged message, or did not (reason says why). */
  triageReplies: 'TriageReplies',
} as const;

export type MessageMetric = (typeof MESSAGE_METRICS)[keyof typeof MESSAGE_METRICS];

/** The dimension every metric also has; Powertools sets it from `POWERTOOLS_SERVICE_NAME`. */
export const SERVICE_DIMENSION = 'service';
/** The second dimension: a code (error name, triage reason), never personal data. */
export const REASON_DIMENSION = 'reason';
