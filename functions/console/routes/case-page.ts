import type { Hono } from 'hono';
import type { ConsoleEnv } from '../context.ts';
import type { ConsoleKit } from '../app.ts';
import { casePage } from '../views/case-page.ts';
import { isPendingAppointment } from '../../domain/decision.ts';

/** Vorgang: everything about one case on one page, with its actions. */
export function registerCaseRoutes(app: Hono<ConsoleEnv>, kit: ConsoleKit): void {
  const { useCases } = kit.deps;
  app.get('/cases/:reference', async (c) => {
    const reference = c.req.param('reference').toUpperCase();
    const [view, activity, appointment, waiting] = await Promise.all([
      useCases.showCase.run(reference),
      useCases.activity.list(reference),
      useCases.cases.appointment(reference),
      kit.waiting(),
    ]);
    if (view === null) return c.notFound();
    return c.html(
      casePage(
        {
          title: `Vorgang ${reference}`,
          caseworker: c.get('caseworker'),
          csrf: c.get('session').csrf,
          waiting,
          current: 'cases',
          notice: kit.takeNotice(c),
        },
        {
          view,
          activity,
          appointment: isPendingAppointment(appointment, kit.now()) ? appointment : null,
          decisionsAvailable: useCases.startDecision !== null,
          now: kit.now(),
        },
        kit.deps.timeZone,
      ).value,
    );
  });
}
