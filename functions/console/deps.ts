import type { CaseActivityLog } from '../domain/case-activity.ts';
import type { CaseDirectory } from '../domain/case-directory.ts';
import type { CaseRepository } from '../domain/case-repository.ts';
import type { TriageRepository } from '../domain/triage.ts';
import type { ObjectLocation } from '../domain/intake-request.ts';
import type { AssignFromTriage } from '../use-cases/assign-from-triage.ts';
import type { CloseCase } from '../use-cases/close-case.ts';
import type { DismissTriage } from '../use-cases/dismiss-triage.ts';
import type { HandOutDocument } from '../use-cases/hand-out-document.ts';
import type { MarkChecklistItem } from '../use-cases/mark-checklist-item.ts';
import type { OpenCase } from '../use-cases/open-case.ts';
import type { PreviewDecision } from '../use-cases/preview-decision.ts';
import type { ReassignDocument } from '../use-cases/reassign-document.ts';
import type { RetryHeldMessage } from '../use-cases/retry-held-message.ts';
import type { ShowCase } from '../use-cases/show-case.ts';
import type { StartDecision } from '../use-cases/start-decision.ts';
import type { DocumentHandout } from './document-handout.ts';
import type { SignIn } from './sign-in.ts';

/** The use cases the console calls (built by consoleUseCases in wiring.ts, locally and on AWS). */
export interface ConsoleUseCases {
  readonly cases: CaseRepository;
  readonly directory: CaseDirectory;
  readonly triage: TriageRepository;
  readonly activity: CaseActivityLog;
  readonly showCase: ShowCase;
  readonly openCase: OpenCase;
  readonly assignFromTriage: AssignFromTriage;
  readonly dismissTriage: DismissTriage;
  /** Null where the IntakeWorkflow is not known. */
  readonly retryHeldMessage: RetryHeldMessage | null;
  readonly reassignDocument: ReassignDocument;
  readonly markChecklistItem: MarkChecklistItem;
  readonly closeCase: CloseCase;
  /** Null where the DecisionWorkflow is not known. */
  readonly startDecision: StartDecision | null;
  readonly previewDecision: PreviewDecision;
  readonly handOutDocument: HandOutDocument;
}

/** Reads an email as it was received or sent (raw MIME), to show it and to hand out the .eml. */
export interface RawMail {
  /** Where the raw message of a received email (by SES message id) is kept. */
  inboundLocation(sesMessageId: string): ObjectLocation;
  /** The readable text of a stored message; null when it is not there (any more). */
  readText(location: ObjectLocation): Promise<{ text: string; attachments: string[] } | null>;
}

/**
 * Everything the console needs from outside. The same factory runs inside `npm start` (local
 * sign-in, bytes served from the S3 stand-in) and on Lambda (OIDC sign-in, presigned redirects).
 */
export interface ConsoleDeps {
  /** 32 random bytes: encrypts and authenticates the session cookie (AES-256-GCM). Keep it secret. */
  readonly sessionKey: Uint8Array;
  /** How caseworkers sign in: routes of its own, then `session.signIn(c, email)`. */
  readonly signIn: SignIn;
  /** How a file reaches the browser once access is checked and the view recorded. */
  readonly documents: DocumentHandout;
  readonly rawMail: RawMail;
  readonly useCases: ConsoleUseCases;
  /** The office's IANA time zone: every date shown and every time entered is local time there. */
  readonly timeZone: string;
  /**
   * Mark the cookie `Secure` (and name it `__Host-…`): true behind https. Default: whether the
   * request came in over https.
   */
  readonly secureCookies?: boolean;
  /** How long a session lasts without signing in again; default 10 hours (a working day). */
  readonly sessionSeconds?: number;
  readonly now?: () => Date;
}
