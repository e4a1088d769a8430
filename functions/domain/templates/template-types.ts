import type { MessageKind } from '../outbound-message.ts';

/** One message in one language: a subject and a body (Mustache, with light line markup). */
export interface MessageTemplate {
  readonly subject: string;
  readonly body: string;
}

/** Every kind of message in one language. */
export type MessageTemplates = Readonly<Record<MessageKind, MessageTemplate>>;
