import type { Context, Hono } from 'hono';
import type { ConsoleEnv } from '../context.ts';
import type { ConsoleKit } from '../app.ts';
import { INLINE_TYPES } from '../format.ts';
import type { CaseFileToHandOut } from '../../use-cases/hand-out-document.ts';
import { quarantineWarningPage } from '../views/quarantine-page.ts';
import { messagePage } from '../views/message-page.ts';
import type { ObjectLocation } from '../../domain/intake-request.ts';

const SHA256 = /^[0-9a-f]{64}$/;

/**
 * Files and emails of a case, handed out after the access check, each view recorded on the case
 * with the caseworker. PDFs and images may be shown inside the console (`?ansicht=1`); anything
 * else, and every quarantined file, only as a download.
 */
export function registerDocumentRoutes(app: Hono<ConsoleEnv>, kit: ConsoleKit): void {
  const { useCases, documents } = kit.deps;

  const serve = (file: CaseFileToHandOut, inline: boolean): Promise<Response> => {
    const showable = !file.quarantined && file.detectedType !== null && INLINE_TYPES.has(file.detectedType);
    return documents.respond({
      location: file.location,
      filename: file.filename,
      // Quarantined files never carry a type a browser would open: bytes to save, nothing else.
      contentType: showable ? file.detectedType! : 'application/octet-stream',
      disposition: inline && showable ? 'inline' : 'attachment',
    });
  };

  const warning = async (
    c: Context<ConsoleEnv>,
    reference: string,
    sha256: string,
    refused: boolean,
    file: CaseFileToHandOut,
  ) =>
    c.html(
      quarantineWarningPage(
        {
          title: 'Zurückgehaltene Datei',
          caseworker: c.get('caseworker'),
          csrf: c.get('session').csrf,
          waiting: await kit.waiting(),
          current: 'cases',
        },
        { reference, sha256, file, refused },
      ).value,
      refused ? 403 : 200,
    );

  app.get('/cases/:reference/documents/:sha256', async (c) => {
    const reference = c.req.param('reference').toUpperCase();
    const sha256 = c.req.param('sha256').toLowerCase();
    if (!SHA256.test(sha256)) return c.notFound();
    const decision = await useCases.handOutDocument.decide(reference, sha256);
    if (decision.outcome === 'not-found') return c.notFound();
    if (decision.outcome !== 'hand-out')
      return warning(c, reference, sha256, decision.outcome === 'refused', decision.file);
    const file = await useCases.handOutDocument.run(reference, sha256, c.get('caseworker'), {
      warningConfirmed: false,
    });
    if (file === null) return c.notFound();
    return serve(file, c.req.query('ansicht') === '1');
  });

  // The explicit warning step for a quarantined file: only a POST with the confirmation hands it out.
  app.post('/cases/:reference/documents/:sha256/download', async (c) => {
    const reference = c.req.param('reference').toUpperCase();
    const sha256 = c.req.param('sha256').toLowerCase();
    if (!SHA256.test(sha256)) return c.notFound();
    const form = await c.req.parseBody();
    const confirmed = form.confirm === 'yes';
    const decision = await useCases.handOutDocument.decide(reference, sha256);
    if (decision.outcome === 'not-found') return c.notFound();
    if (decision.outcome === 'refused' || !confirmed)
      return warning(c, reference, sha256, decision.outcome === 'refused', decision.file);
    const file = await useCases.handOutDocument.run(reference, sha256, c.get('caseworker'), {
      warningConfirmed: true,
    });
    if (file === null) return c.notFound();
    return serve(file, false);
  });

  // Files of a waiting email (not on a case yet): held ones with the same warning step.
  const triageFile = async (messageId: string, sha256: string): Promise<CaseFileToHandOut | null> => {
    const entry = await useCases.triage.get(messageId);
    const file = entry?.email?.attachments.find((a) => a.sha256 === sha256 && a.location !== null);
    if (file === undefined) return null;
    return {
      sha256,
      filename: file.filename,
      detectedType: file.detectedType,
      size: file.size,
      location: file.location!,
      quarantined: !file.accepted,
      holdReason: file.accepted ? null : file.reason,
    };
  };
  app.get('/triage/:messageId/files/:sha256', async (c) => {
    const file = await triageFile(c.req.param('messageId'), c.req.param('sha256').toLowerCase());
    if (file === null) return c.notFound();
    if (file.quarantined)
      return c.html(
        quarantineWarningPage(
          {
            title: 'Zurückgehaltene Datei',
            caseworker: c.get('caseworker'),
            csrf: c.get('session').csrf,
            waiting: await kit.waiting(),
            current: 'triage',
          },
          {
            reference: null,
            messageId: c.req.param('messageId'),
            sha256: file.sha256,
            file,
            refused: file.holdReason === 'malware',
          },
        ).value,
        file.holdReason === 'malware' ? 403 : 200,
      );
    return serve(file, c.req.query('ansicht') === '1');
  });
  app.post('/triage/:messageId/files/:sha256/download', async (c) => {
    const file = await triageFile(c.req.param('messageId'), c.req.param('sha256').toLowerCase());
    if (file === null) return c.notFound();
    const form = await c.req.parseBody();
    if (file.holdReason === 'malware' || form.confirm !== 'yes')
      return c.redirect(`/triage/${encodeURIComponent(c.req.param('messageId'))}/files/${file.sha256}`, 303);
    return serve(file, false);
  });

  /** An email of the case, in or out: read in the page, or its original `.eml`. */
  app.get('/cases/:reference/messages/:direction/:messageId', async (c) => {
    const reference = c.req.param('reference').toUpperCase();
    const direction = c.req.param('direction');
    const messageId = c.req.param('messageId');
    const entry = (await useCases.cases.log(reference)).find(
      (e) => e.messageId === messageId && e.direction === direction,
    );
    if (entry === undefined) return c.notFound();
    const location: ObjectLocation | undefined =
      entry.direction === 'in' ? kit.deps.rawMail.inboundLocation(entry.messageId) : entry.raw;
    if (location === undefined) return c.notFound();
    await useCases.activity.record(reference, {
      at: kit.now().toISOString(),
      caseworker: c.get('caseworker'),
      kind: 'message-viewed',
      subject: messageId,
      detail: c.req.query('original') === '1' ? 'Original (.eml) heruntergeladen' : null,
    });
    if (c.req.query('original') === '1')
      return documents.respond({
        location,
        filename: `${entry.direction === 'in' ? 'Eingang' : 'Ausgang'}-${entry.at.slice(0, 10)}.eml`,
        contentType: 'message/rfc822',
        disposition: 'attachment',
      });
    const read = await kit.deps.rawMail.readText(location);
    return c.html(
      messagePage(
        {
          title: entry.subject ?? 'E-Mail',
          caseworker: c.get('caseworker'),
          csrf: c.get('session').csrf,
          waiting: await kit.waiting(),
          current: 'cases',
        },
        { reference, entry, read, originalHref: `${c.req.path}?original=1` },
        kit.deps.timeZone,
      ).value,
    );
  });
}
