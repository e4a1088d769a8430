import type { Context, Hono } from 'hono';
import type { ConsoleEnv } from '../context.ts';
import type { ConsoleKit } from '../app.ts';
import { field, fields } from './form.ts';
import { ReassignmentError } from '../../use-cases/reassign-document.ts';
import { ChecklistMarkError } from '../../use-cases/mark-checklist-item.ts';
import { CloseCaseError } from '../../use-cases/close-case.ts';
import { InvalidDecisionError } from '../../use-cases/start-decision.ts';
import type { CaseActivity } from '../../domain/case-activity.ts';
import { invitationPreviewPage } from '../views/invitation-preview-page.ts';

const SHA256 = /^[0-9a-f]{64}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^\d{2}:\d{2}$/;

/** What a caseworker does on a case; each is recorded on the case with who did it. */
export function registerCaseActionRoutes(app: Hono<ConsoleEnv>, kit: ConsoleKit): void {
  const { useCases } = kit.deps;
  const refOf = (c: Context<ConsoleEnv>): string => c.req.param('reference')!.toUpperCase();
  const casePath = (reference: string): string => `/cases/${encodeURIComponent(reference)}`;
  const record = (
    c: Context<ConsoleEnv>,
    reference: string,
    activity: Omit<CaseActivity, 'at' | 'caseworker'>,
  ) =>
    useCases.activity.record(reference, {
      at: kit.now().toISOString(),
      caseworker: c.get('caseworker'),
      ...activity,
    });

  app.post('/cases/:reference/documents/:sha256/move', async (c) => {
    const reference = refOf(c);
    const sha256 = c.req.param('sha256').toLowerCase();
    if (!SHA256.test(sha256)) return c.notFound();
    const item = field(await c.req.parseBody(), 'item');
    try {
      await useCases.reassignDocument.run(reference, sha256, item === 'none' || item === '' ? null : item);
    } catch (error) {
      if (!(error instanceof ReassignmentError)) throw error;
      return kit.redirect(c, casePath(reference), { kind: 'error', text: error.message });
    }
    await record(c, reference, {
      kind: 'document-moved',
      subject: sha256,
      detail: item === 'none' ? 'keinem Punkt' : item,
    });
    return kit.redirect(c, casePath(reference), { kind: 'ok', text: 'Dokument verschoben.' });
  });

  app.post('/cases/:reference/checklist/:item', async (c) => {
    const reference = refOf(c);
    const form = await c.req.parseBody();
    try {
      await useCases.markChecklistItem.run(
        reference,
        c.req.param('item'),
        field(form, 'fulfilled') === 'yes',
        field(form, 'note', 500),
        c.get('caseworker'),
      );
    } catch (error) {
      if (!(error instanceof ChecklistMarkError)) throw error;
      return kit.redirect(c, casePath(reference), { kind: 'error', text: error.message });
    }
    return kit.redirect(c, casePath(reference), { kind: 'ok', text: 'Checkliste geändert.' });
  });

  app.post('/cases/:reference/query', async (c) => {
    const reference = refOf(c);
    const form = await c.req.parseBody({ all: true });
    const startDecision = useCases.startDecision;
    if (startDecision === null)
      return kit.redirect(c, casePath(reference), {
        kind: 'error',
        text: 'Entscheidungen sind hier nicht eingerichtet.',
      });
    const view = await useCases.showCase.run(reference);
    if (view === null) return c.notFound();
    // Items the caseworker asks for again although something arrived: named in the text.
    const again = view.checklist.filter(
      (i) => fields(form, 'items').includes(i.id) && !view.missing.includes(i.id),
    );
    const text = [
      field(form, 'text', 4000),
      again.length === 0
        ? ''
        : `Bitte senden Sie außerdem erneut: ${again.map((i) => i.label.de).join(', ')}.`,
    ]
      .filter((t) => t !== '')
      .join('\n\n');
    try {
      const result = await startDecision.run({ kind: 'query', caseReference: reference, text });
      await record(c, reference, { kind: 'query-sent', subject: result.decisionId, detail: null });
      return kit.redirect(c, casePath(reference), {
        kind: 'ok',
        text:
          result.outcome === 'started'
            ? 'Rückfrage wird gesendet.'
            : 'Diese Rückfrage wurde bereits gesendet.',
      });
    } catch (error) {
      if (!(error instanceof InvalidDecisionError)) throw error;
      return kit.redirect(c, casePath(reference), { kind: 'error', text: error.message });
    }
  });

  // The invitation is shown as the applicant will read it before it goes.
  app.post('/cases/:reference/invitation/preview', async (c) => {
    const reference = refOf(c);
    const form = await c.req.parseBody();
    const date = field(form, 'date');
    const time = field(form, 'time');
    if (!DATE.test(date) || !TIME.test(time))
      return kit.redirect(c, casePath(reference), {
        kind: 'error',
        text: 'Bitte Datum und Uhrzeit angeben.',
      });
    try {
      const preview = await useCases.previewDecision.invitation(reference, `${date}T${time}`);
      return c.html(
        invitationPreviewPage(
          {
            title: 'Einladung prüfen',
            caseworker: c.get('caseworker'),
            csrf: c.get('session').csrf,
            waiting: await kit.waiting(),
            current: 'cases',
          },
          { reference, at: `${date}T${time}`, preview },
        ).value,
      );
    } catch (error) {
      if (!(error instanceof InvalidDecisionError)) throw error;
      return kit.redirect(c, casePath(reference), { kind: 'error', text: error.message });
    }
  });

  app.post('/cases/:reference/invitation', async (c) => {
    const reference = refOf(c);
    const at = field(await c.req.parseBody(), 'at');
    const startDecision = useCases.startDecision;
    if (startDecision === null || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(at))
      return kit.redirect(c, casePath(reference), {
        kind: 'error',
        text: 'Die Einladung wurde nicht gesendet.',
      });
    try {
      const result = await startDecision.run({
        kind: 'invitation',
        caseReference: reference,
        appointmentAt: at,
      });
      await record(c, reference, {
        kind: 'invitation-sent',
        subject: result.decisionId,
        detail: result.appointment ?? null,
      });
      return kit.redirect(c, casePath(reference), {
        kind: 'ok',
        text:
          result.outcome === 'started'
            ? `Einladung wird gesendet: ${result.appointment}.${result.note ? ` ${result.note}` : ''}`
            : 'Diese Einladung wurde bereits gesendet.',
      });
    } catch (error) {
      if (!(error instanceof InvalidDecisionError)) throw error;
      return kit.redirect(c, casePath(reference), { kind: 'error', text: error.message });
    }
  });

  app.post('/cases/:reference/cancel', async (c) => {
    const reference = refOf(c);
    const startDecision = useCases.startDecision;
    if (startDecision === null)
      return kit.redirect(c, casePath(reference), {
        kind: 'error',
        text: 'Entscheidungen sind hier nicht eingerichtet.',
      });
    try {
      const result = await startDecision.run({ kind: 'cancellation', caseReference: reference });
      await record(c, reference, {
        kind: 'appointment-cancelled',
        subject: result.decisionId,
        detail: result.appointment ?? null,
      });
      return kit.redirect(c, casePath(reference), {
        kind: 'ok',
        text: `Termin ${result.appointment ?? ''} wird abgesagt.`,
      });
    } catch (error) {
      if (!(error instanceof InvalidDecisionError)) throw error;
      return kit.redirect(c, casePath(reference), { kind: 'error', text: error.message });
    }
  });

  app.post('/cases/:reference/close', async (c) => {
    const reference = refOf(c);
    try {
      await useCases.closeCase.run(
        reference,
        field(await c.req.parseBody(), 'note', 500),
        c.get('caseworker'),
      );
    } catch (error) {
      if (!(error instanceof CloseCaseError)) throw error;
      return kit.redirect(c, casePath(reference), { kind: 'error', text: error.message });
    }
    return kit.redirect(c, casePath(reference), { kind: 'ok', text: 'Vorgang abgeschlossen.' });
  });
}
