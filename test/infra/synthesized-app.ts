import { Template } from 'aws-cdk-lib/assertions';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type CreateAppOptions, type IntakeApp } from '../../lib/app.ts';

/** One synthesized app (without bundling) and its two templates. */
export interface SynthesizedApp extends IntakeApp {
  readonly assembly: CloudAssembly;
  readonly stateful: IntakeApp['stateful'];
  readonly statefulTemplate: Template;
  readonly statelessTemplate: Template;
}

export interface SynthesizeOptions extends CreateAppOptions {
  /**
   * Run the CDK's built-in CloudFormation template validation (about 3 s a synth). cdk-nag runs
   * either way; cdk-nag.test.ts keeps this on and asserts that nothing at all is reported.
   * @default true
   */
  readonly validateTemplates?: boolean;
}

/**
 * Synthesizes the app once (cdk-nag runs as part of it) and reads both templates from the
 * assembly: `Template.fromStack` would synthesize the whole app again for every stack.
 */
export function synthesize(options: SynthesizeOptions = {}): SynthesizedApp {
  const { validateTemplates = true, ...appOptions } = options;
  const outdir = appOptions.outdir ?? mkdtempSync(join(tmpdir(), 'intake-infra-'));
  const intake = createApp({ bundle: false, ...appOptions, outdir });
  const assembly = withTemplateValidation(validateTemplates, () => intake.app.synth());
  return {
    ...intake,
    assembly,
    statefulTemplate: Template.fromJSON(assembly.getStackByName(intake.stateful.stackName).template),
    statelessTemplate: Template.fromJSON(assembly.getStackByName(intake.stateless.stackName).template),
  };
}

/** The resources of one type in a template, by logical id. */
export function resourcesOf(
  template: Template,
  type: string,
): Record<string, { Properties: Record<string, unknown> }> {
  return template.findResources(type) as Record<string, { Properties: Record<string, unknown> }>;
}

/** Runs `synth` with the CDK's built-in template validation on or off (`CDK_VALIDATION`). */
export function withTemplateValidation<T>(enabled: boolean, synth: () => T): T {
  const previous = process.env.CDK_VALIDATION;
  if (!enabled) process.env.CDK_VALIDATION = 'false';
  try {
    return synth();
  } finally {
    if (previous === undefined) delete process.env.CDK_VALIDATION;
    else process.env.CDK_VALIDATION = previous;
  }
}
