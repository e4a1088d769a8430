import { Stack, type CfnElement } from 'aws-cdk-lib';
import { createApp } from '../lib/app.ts';
import { IntakeFunction } from '../lib/constructs/intake-function.ts';
import type { CachedSynth } from './synth-cache.ts';

/**
 * Synthesizes the CDK app in-process without bundling (cdk-nag checks it on the way): every
 * stack's template and, for each of the app's own functions, its handler file.
 */
export function synthesizeTemplates(): CachedSynth {
  const { app } = createApp({ bundle: false });
  const assembly = app.synth();
  const entries: [string, string][] = [];
  for (const stack of app.node.findAll().filter((c): c is Stack => c instanceof Stack)) {
    for (const fn of stack.node.findAll().filter((c): c is IntakeFunction => c instanceof IntakeFunction)) {
      entries.push([stack.getLogicalId(fn.lambda.node.defaultChild as CfnElement), fn.entry]);
    }
  }
  return { templates: assembly.stacks.map((s) => s.template as unknown), entries };
}
