import { mailWiring } from './mail-wiring.ts';
import { DecisionSteps } from '../use-cases/decision-steps.ts';
import { optionalEnv } from './env.ts';
import { AcknowledgeSubmission } from '../use-cases/acknowledge-submission.ts';

/** Default wait for an answer to a caseworker's query before the reminder: 14 days. */
const DEFAULT_QUERY_REMINDER_SECONDS = 14 * 24 * 3600;

/** The DecisionWorkflow's steps as every decision handler builds them at load. */
export async function decisionSteps(): Promise<DecisionSteps> {
  const { cases, caseMailer, settings, rateLimiter } = await mailWiring();
  const configured = Number(optionalEnv('QUERY_REMINDER_SECONDS') ?? DEFAULT_QUERY_REMINDER_SECONDS);
  return new DecisionSteps({
    cases,
    mailer: caseMailer,
    invitation: {
      servicePointAddress: settings.servicePointAddress,
      fees: settings.fees,
      payment: settings.payment,
      appointmentMinutes: settings.appointmentMinutes,
      fromAddress: settings.fromAddress,
      timeZone: settings.timeZone,
    },
    acknowledge: new AcknowledgeSubmission({
      cases,
      mailer: caseMailer,
      rateLimiter,
      periodSeconds: settings.queryPeriodSeconds,
    }),
    intakeAddress: settings.intakeAddress,
    reminderAfterSeconds:
      Number.isFinite(configured) && configured > 0 ? configured : DEFAULT_QUERY_REMINDER_SECONDS,
  });
}
