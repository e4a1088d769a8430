import type { Session } from './session.ts';

/** What each request of the console carries through its middlewares. */
export type ConsoleEnv = {
  Variables: {
    session: Session;
    /** The signed-in caseworker's email address (set on every page behind sign-in). */
    caseworker: string;
  };
};
