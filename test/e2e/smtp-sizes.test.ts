import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { startTestPipeline, type TestPipeline } from '../helpers/local-pipeline.ts';
import { sha256 } from '../helpers/sample-documents.ts';

/** A phone-size photo: JPEG magic bytes, then noise that does not compress (as real photos). */
function phonePhoto(bytes: number): Buffer {
  const photo = randomBytes(bytes);
  photo.set([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00], 0);
  return photo;
}

describe('SMTP intake sizes, as on SES (up to 40 MB accepted, larger refused with 552)', () => {
  let pipeline: TestPipeline;
  const lines: string[] = [];

  before(async () => {
    pipeline = await startTestPipeline({ log: (line) => lines.push(line) });
  });

  after(async () => {
    await pipeline?.stop();
  });

  it('a 25 MB message with three phone-size scans is accepted and every file reaches the case', async () => {
    // Prepare: three 6 MB photos are some 24.5 MB once base64-encoded
    const { reference } = await pipeline.openCase.run({
      applicantName: 'Test Person',
      contacts: ['scans@example.org'],
    });
    const photos = [phonePhoto(6_000_000), phonePhoto(6_100_000), phonePhoto(6_200_000)];

    // Act
    const messageId = await pipeline.send({
      from: 'scans@example.org',
      to: pipeline.intakeAddress,
      subject: `Scans ${reference}`,
      text: 'Drei Seiten.',
      attachments: photos.map((content, i) => ({
        filename: `IMG_2026112${i}.jpg`,
        content,
        contentType: 'image/jpeg',
      })),
    });
    const execution = await pipeline.runtime.waitForExecution(messageId, 120_000);

    // Assess
    assert.equal(execution.status, 'SUCCEEDED', `${execution.error}: ${execution.cause}`);
    const raw = await pipeline.readObject(pipeline.bucket('INBOUND_BUCKET'), `inbound/${messageId}`);
    assert.ok(raw.length > 24_000_000, `stored raw message is ${raw.length} bytes`);
    const shown = await pipeline.showCase.run(reference);
    const hashes = shown!.documents.map((d) => d.sha256).sort();
    assert.deepEqual(hashes, photos.map((p) => sha256(p)).sort());
  });

  it('a 41 MB message is refused with a permanent 552 and nothing is stored or started', async () => {
    // Prepare
    const before = await pipeline.listKeys(pipeline.bucket('INBOUND_BUCKET'), 'inbound/');
    const executions = pipeline.runtime.stepFunctions.executions().length;

    // Act
    const refused = await pipeline
      .send({
        from: 'scans@example.org',
        to: pipeline.intakeAddress,
        subject: 'Zu groß',
        text: 'Alles auf einmal.',
        attachments: [{ filename: 'alles.pdf', content: phonePhoto(31_000_000) }],
      })
      .then(
        () => null,
        (error: unknown) => error as { responseCode?: number; response?: string },
      );

    // Assess
    assert.ok(refused, 'the message was accepted');
    assert.equal(refused.responseCode, 552, refused.response);
    assert.deepEqual(await pipeline.listKeys(pipeline.bucket('INBOUND_BUCKET'), 'inbound/'), before);
    assert.equal(pipeline.runtime.stepFunctions.executions().length, executions);
  });
});
