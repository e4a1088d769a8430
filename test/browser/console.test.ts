import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startTestPipeline, type TestPipeline } from '../helpers/local-pipeline.ts';
import { samplePdf } from '../helpers/sample-documents.ts';
import { eicar } from '../helpers/hostile-files.ts';

/**
 * The caseworker console in a real browser (Debian's Chromium, driven by playwright-core) on the
 * whole local pipeline: mail in over SMTP, the caseworker's day in the pages, mail out to the
 * outbox. Every page is checked with axe-core and kept as a screenshot in test-artifacts/.
 */
const SCREENSHOTS = join(import.meta.dirname, '..', '..', 'test-artifacts', 'screenshots');
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // German date and time fields, as caseworkers see them.
  '--lang=de-DE',
];
const AXE_SOURCE = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** axe-core's WCAG 2.1 A/AA rules on the page as it is: no violation, or the list of them. */
async function assertAccessible(page: Page, name: string): Promise<void> {
  await page.evaluate(AXE_SOURCE);
  const violations = (await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as { axe: { run: (o: unknown) => Promise<{ violations: unknown[] }> } }
    ).axe;
    const result = await axe.run({
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((v) => {
      const violation = v as { id: string; nodes: { target: unknown }[] };
      return `${violation.id}: ${violation.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`;
    });
  })) as string[];
  assert.deepEqual(violations, [], `axe on ${name}`);
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** A date `days` ahead as Berlin's calendar has it, in the form a date field takes. */
function berlinDate(days: number): { iso: string; german: string; long: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Europe/Berlin',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    })
      .formatToParts(new Date(Date.now() + days * 86_400_000))
      .map((p) => [p.type, p.value]),
  );
  const long = new Intl.DateTimeFormat('de-DE', {
    timeZone: 'Europe/Berlin',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
  return {
    iso: `${parts.year}-${parts.month}-${parts.day}`,
    german: `${parts.day}.${parts.month}.${parts.year}`,
    long: long.format(new Date(Date.now() + days * 86_400_000)),
  };
}

/** The UTC stamp (iCalendar form) of a wall-clock time in Berlin on that day. */
function expectedUtc(isoDate: string, time: string): string {
  const guess = new Date(`${isoDate}T${time}:00Z`);
  const berlin = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Berlin',
    hour: '2-digit',
    hourCycle: 'h23',
  }).format(guess);
  const offsetHours = Number(berlin) - guess.getUTCHours();
  const at = new Date(guess.getTime() - offsetHours * 3_600_000);
  return at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

describe('caseworker console in Chromium', () => {
  let pipeline: TestPipeline;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let consoleUrl: string;
  let reference: string;
  const pdf = samplePdf('Mietvertrag');
  const pdfName = 'Mietvertrag Müller.pdf';
  const executable = Buffer.concat([
    Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'),
    Buffer.alloc(200, 0x41),
  ]);

  before(async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
    pipeline = await startTestPipeline({ warmLambdas: true });
    consoleUrl = pipeline.runtime.endpoints.console;
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    context = await browser.newContext({
      acceptDownloads: true,
      locale: 'de-DE',
      timezoneId: 'Europe/Berlin',
    });
    page = await context.newPage();
    ({ reference } = await pipeline.openCase.run({
      applicantName: 'Ayşe Yılmaz',
      contacts: ['ayse@example.org'],
      language: 'en',
    }));
  });

  after(async () => {
    await browser?.close();
    await pipeline?.stop();
  });

  it('a signed-out visitor reaches nothing: every page and file sends to the sign-in', async () => {
    const anonymous = await browser.newContext();
    const visitor = await anonymous.newPage();
    for (const path of [
      '/triage',
      '/cases',
      `/cases/${reference}`,
      `/cases/${reference}/documents/${'a'.repeat(64)}`,
      '/',
    ]) {
      const response = await anonymous.request.get(`${consoleUrl}${path}`, { maxRedirects: 0 });
      assert.equal(response.status(), 303, path);
      assert.equal(response.headers().location, '/login', path);
      await visitor.goto(`${consoleUrl}${path}`);
      assert.equal(new URL(visitor.url()).pathname, '/login', path);
    }
    // A POST without the session's token is refused before anything runs …
    const forged = await anonymous.request.post(`${consoleUrl}/logout`, { form: {}, maxRedirects: 0 });
    assert.equal(forged.status(), 403);
    // … but the local sign-in is the contract's plain POST /login with `email` (no password).
    const script = await browser.newContext();
    const contract = await script.request.post(`${consoleUrl}/login`, {
      form: { email: 'script@example.org' },
      maxRedirects: 0,
    });
    assert.equal(contract.status(), 303);
    assert.equal(contract.headers().location, '/triage');
    assert.match(contract.headers()['set-cookie'] ?? '', /intake-session=/);
    assert.equal((await script.request.get(`${consoleUrl}/triage`, { maxRedirects: 0 })).status(), 200);
    await script.close();
    await assertAccessible(visitor, 'login');
    assert.match((await visitor.textContent('main')) ?? '', /Nur lokal/);
    await screenshot(visitor, 'login');
    await anonymous.close();
  });

  it('an email sent over SMTP waits in the Eingang and is assigned in the browser', async () => {
    const messageId = await pipeline.send({
      from: 'helper.friend@example.net',
      to: pipeline.intakeAddress,
      subject: 'Unterlagen für meine Schwester',
      text: 'Guten Tag,\nanbei der Mietvertrag meiner Schwester.\n\n> alte Nachricht',
      attachments: [{ filename: pdfName, content: pdf, contentType: 'application/pdf' }],
    });
    await pipeline.runtime.waitForExecution(messageId);

    await page.goto(`${consoleUrl}/login`);
    await page.fill('#email', 'M.Keller@Example.org');
    await page.click('button[type=submit]');
    await page.waitForURL(`${consoleUrl}/triage`);
    assert.equal((await page.textContent('#waiting-count'))?.trim(), '1');
    const card = page.locator('article', { hasText: 'Unterlagen für meine Schwester' });
    assert.match((await card.textContent()) ?? '', /helper\.friend@example\.net/);
    assert.match((await card.textContent()) ?? '', /Keinem Vorgang zuzuordnen/);
    assert.match((await card.textContent()) ?? '', /Mietvertrag Müller\.pdf/);
    await assertAccessible(page, 'triage');
    await screenshot(page, 'triage');

    await card.locator('summary').click();
    await card.locator('input[name=reference]').fill(reference);
    await card.locator('input[name=addContact]').check();
    await card.getByRole('button', { name: 'Zuordnen', exact: true }).click();
    await page.waitForURL(`${consoleUrl}/cases/${reference}`);
    assert.match((await page.textContent('.notice')) ?? '', /zugeordnet/);
    assert.equal((await page.textContent('#waiting-count'))?.trim(), '0');
    const view = await pipeline.showCase.run(reference);
    assert.deepEqual(view?.case.contacts, ['ayse@example.org', 'helper.friend@example.net']);
    assert.equal(view?.documents[0]?.sha256, sha256(pdf));
  });

  it('its document is previewed in the page and downloaded under the sender’s name, bytes unchanged', async () => {
    await page.goto(`${consoleUrl}/cases/${reference}`);
    await assertAccessible(page, 'case');
    await screenshot(page, 'case');
    const frame = page.locator(`iframe[title="Vorschau: ${pdfName}"]`);
    const src = await frame.getAttribute('src');
    assert.equal(src, `/cases/${reference}/documents/${sha256(pdf)}?ansicht=1`);
    const preview = await context.request.get(`${consoleUrl}${src}`);
    assert.equal(preview.headers()['content-type'], 'application/pdf');
    assert.match(
      preview.headers()['content-disposition'] ?? '',
      /^inline; .*filename\*=UTF-8''Mietvertrag%20M%C3%BCller\.pdf/,
    );

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: `Herunterladen: ${pdfName}` }).click(),
    ]);
    assert.equal(download.suggestedFilename(), pdfName);
    assert.equal(sha256(await readFile((await download.path())!)), sha256(pdf));

    // Both views are on the case with the caseworker who opened it.
    await page.goto(`${consoleUrl}/cases/${reference}`);
    assert.match(await page.innerText('main'), /Dokument geöffnet – m\.keller@example\.org/);
  });

  it('a quarantined file is handed out only after the warning, and never when malware was found', async () => {
    const messageId = await pipeline.send({
      from: 'ayse@example.org',
      to: pipeline.intakeAddress,
      subject: `Noch etwas zu ${reference}`,
      text: 'Das Programm und die Notiz.',
      attachments: [
        { filename: 'werkzeug.exe', content: executable, contentType: 'application/octet-stream' },
        { filename: 'notiz.txt', content: eicar(), contentType: 'text/plain' },
      ],
    });
    await pipeline.runtime.waitForExecution(messageId);
    await page.goto(`${consoleUrl}/cases/${reference}`);
    await page.getByRole('link', { name: 'werkzeug.exe' }).click();
    await page.waitForURL(`${consoleUrl}/cases/${reference}/documents/${sha256(executable)}`);
    assert.match((await page.textContent('[role=alert]')) ?? '', /Grund/);
    await assertAccessible(page, 'quarantine warning');
    await screenshot(page, 'quarantine-warning');
    // Without the confirmation the same warning comes back, never the bytes.
    const csrf = await page.getAttribute('input[name=_csrf]', 'value');
    const unconfirmed = await context.request.post(
      `${consoleUrl}/cases/${reference}/documents/${sha256(executable)}/download`,
      {
        form: { _csrf: csrf! },
      },
    );
    assert.match(unconfirmed.headers()['content-type'] ?? '', /text\/html/);
    await page.check('#confirm');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Trotzdem herunterladen' }).click(),
    ]);
    assert.equal(sha256(await readFile((await download.path())!)), sha256(executable));

    const infected = await context.request.get(
      `${consoleUrl}/cases/${reference}/documents/${sha256(eicar())}`,
    );
    assert.equal(infected.status(), 403);
    assert.match(await infected.text(), /Schadsoftware gefunden/);
    const forced = await context.request.post(
      `${consoleUrl}/cases/${reference}/documents/${sha256(eicar())}/download`,
      {
        form: { _csrf: csrf!, confirm: 'yes' },
      },
    );
    assert.equal(forced.status(), 403);
    assert.doesNotMatch(await forced.text(), /EICAR/);
  });

  it('an invitation made in the form is previewed, then reaches the outbox at the local time entered', async () => {
    const day = berlinDate(10);
    await page.goto(`${consoleUrl}/cases/${reference}`);
    await page.fill('#inv-date', day.iso);
    await page.fill('#inv-time', '10:15');
    await page.getByRole('button', { name: 'Vorschau der E-Mail' }).click();
    await page.waitForSelector('#appointment');
    assert.match(
      (await page.textContent('#appointment')) ?? '',
      new RegExp(`${day.german.replace(/\./g, '\\.')}, 10:15 Uhr`),
    );
    assert.match((await page.textContent('.mail-preview')) ?? '', /10:15/);
    await assertAccessible(page, 'invitation preview');
    await screenshot(page, 'invitation-preview');
    const before = (await pipeline.outbox()).length;
    await page.getByRole('button', { name: 'Einladung senden' }).click();
    await page.waitForURL(`${consoleUrl}/cases/${reference}`);
    const deadline = Date.now() + 20_000;
    let sent = (await pipeline.outbox()).slice(before);
    while (
      !sent.some((m) => m.attachments.some((a) => a.filename === 'Termin.ics')) &&
      Date.now() < deadline
    ) {
      await new Promise((r) => setTimeout(r, 200));
      sent = (await pipeline.outbox()).slice(before);
    }
    const invitation = sent.find((m) => m.attachments.some((a) => a.filename === 'Termin.ics'));
    assert.ok(invitation, 'the invitation is in the outbox');
    assert.deepEqual(invitation.to.sort(), ['ayse@example.org', 'helper.friend@example.net']);
    assert.ok(invitation.text.includes(`${day.long} um 10:15`), invitation.text);
    const ics = invitation.attachments.find((a) => a.filename === 'Termin.ics')!.content.toString('utf8');
    assert.match(
      ics,
      new RegExp(
        `DTSTART(;TZID=Europe/Berlin:${day.iso.replace(/-/g, '')}T101500|:${expectedUtc(day.iso, '10:15')})`,
      ),
    );
    await page.goto(`${consoleUrl}/cases/${reference}`);
    assert.match(await page.innerText('main'), /Einladung gesendet – m\.keller@example\.org/);
  });

  it('the case list finds the case by a word of the name, written another way; every page passes axe', async () => {
    await page.goto(`${consoleUrl}/cases?q=yilmaz`);
    assert.equal(await page.getByRole('link', { name: reference }).count(), 1);
    await page.goto(`${consoleUrl}/cases?status=decided`);
    assert.equal(await page.getByRole('link', { name: reference }).count(), 1);
    await assertAccessible(page, 'cases');
    await screenshot(page, 'cases');
    await page.goto(`${consoleUrl}/cases/${reference}`);
    await page.locator('a', { hasText: `Noch etwas zu ${reference}` }).click();
    await page.waitForSelector('.words');
    assert.match((await page.textContent('.words')) ?? '', /Das Programm und die Notiz/);
    await assertAccessible(page, 'message');
    await screenshot(page, 'message');
  });

  it('signing out ends the session', async () => {
    await page.goto(`${consoleUrl}/triage`);
    await page.getByRole('button', { name: 'Abmelden' }).click();
    await page.waitForURL(`${consoleUrl}/login`);
    await page.goto(`${consoleUrl}/cases`);
    assert.equal(new URL(page.url()).pathname, '/login');
  });
});
