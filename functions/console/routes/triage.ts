import type { Hono } from 'hono';
import type { ConsoleEnv } from '../context.ts';
import type { ConsoleKit } from '../app.ts';
import { triagePage } from '../views/triage-page.ts';
import { AssignmentError } from '../../use-cases/assign-from-triage.ts';
import { CaseNotFoundError } from '../../use-cases/record-documents.ts';
import { DismissalError } from '../../use-cases/dismiss-triage.ts';
import { RetryRefusedError } from '../../use-cases/retry-held-message.ts';
import { CaseExistsError, InvalidCaseError } from '../../use-cases/open-case.ts';
import { field } from './form.ts';

/** The Eingang: every waiting email, and what a caseworker decides about each. */
export function registerTriageRoutes(app: Hono<ConsoleEnv>, kit: ConsoleKit): void {
  const { useCases } = kit.deps;

  app.get('/triage', async (c) => {
    const entries = await useCases.triage.list();
    return c.html(
      triagePage(
        {
          title: 'Eingang',
          caseworker: c.get('caseworker'),
          csrf: c.get('session').csrf,
          waiting: entries.length,
          current: 'triage',
          notice: kit.takeNotice(c),
        },
        entries,
        kit.deps.timeZone,
      ).value,
    );
  });

  app.post('/triage/:messageId/assign', async (c) => {
    const messageId = c.req.param('messageId');
    const form = await c.req.parseBody();
    const reference = field(form, 'reference').toUpperCase();
    const addContact = field(form, 'addContact') === 'yes';
    try {
      const result = await useCases.assignFromTriage.run(messageId, reference, { addContact });
      await useCases.activity.record(reference, {
        at: kit.now().toISOString(),
        caseworker: c.get('caseworker'),
        kind: 'assigned-from-triage',
        subject: messageId,
        detail: addContact ? 'Absender als Kontakt hinzugefügt' : null,
      });
      return kit.redirect(c, `/cases/${encodeURIComponent(reference)}`, {
        kind: 'ok',
        text: `E-Mail dem Vorgang ${reference} zugeordnet: ${result.added} neue(s) Dokument(e).`,
      });
    } catch (error) {
      if (!(error instanceof AssignmentError || error instanceof CaseNotFoundError)) throw error;
      return kit.redirect(c, '/triage', { kind: 'error', text: `Nicht zugeordnet: ${error.message}` });
    }
  });

  app.post('/triage/:messageId/open-case', async (c) => {
    const messageId = c.req.param('messageId');
    const form = await c.req.parseBody();
    try {
      const opened = await useCases.openCase.run({
        applicantName: field(form, 'name'),
        contacts: [field(form, 'email')].filter((e) => e !== ''),
        language: field(form, 'language') === 'en' ? 'en' : 'de',
        requestType: field(form, 'type') || undefined,
        caseworker: c.get('caseworker'),
      });
      await useCases.assignFromTriage.run(messageId, opened.reference, { addContact: false });
      await useCases.activity.record(opened.reference, {
        at: kit.now().toISOString(),
        caseworker: c.get('caseworker'),
        kind: 'case-opened-from-triage',
        subject: messageId,
        detail: null,
      });
      return kit.redirect(c, `/cases/${encodeURIComponent(opened.reference)}`, {
        kind: 'ok',
        text: `Vorgang ${opened.reference} angelegt und die E-Mail zugeordnet.`,
      });
    } catch (error) {
      if (error instanceof InvalidCaseError)
        return kit.redirect(c, '/triage', {
          kind: 'error',
          text: `Vorgang nicht angelegt: ${error.problems.join('; ')}`,
        });
      if (error instanceof AssignmentError || error instanceof CaseExistsError)
        return kit.redirect(c, '/triage', { kind: 'error', text: error.message });
      throw error;
    }
  });

  app.post('/triage/:messageId/dismiss', async (c) => {
    const form = await c.req.parseBody();
    try {
      await useCases.dismissTriage.run(c.req.param('messageId'), field(form, 'reason'), c.get('caseworker'));
      return kit.redirect(c, '/triage', { kind: 'ok', text: 'E-Mail verworfen; der Grund ist vermerkt.' });
    } catch (error) {
      if (!(error instanceof DismissalError)) throw error;
      return kit.redirect(c, '/triage', { kind: 'error', text: error.message });
    }
  });

  app.post('/triage/:messageId/retry', async (c) => {
    if (useCases.retryHeldMessage === null)
      return kit.redirect(c, '/triage', {
        kind: 'error',
        text: 'Erneute Verarbeitung ist hier nicht eingerichtet.',
      });
    try {
      const result = await useCases.retryHeldMessage.run(c.req.param('messageId'));
      return kit.redirect(c, '/triage', {
        kind: 'ok',
        text:
          result.outcome === 'started'
            ? `Verarbeitung neu gestartet (Versuch ${result.attempt}). Schlägt sie wieder fehl, erscheint die E-Mail erneut hier.`
            : 'Dieser Versuch läuft bereits.',
      });
    } catch (error) {
      if (!(error instanceof RetryRefusedError)) throw error;
      return kit.redirect(c, '/triage', { kind: 'error', text: error.message });
    }
  });
}
