#!/usr/bin/env node
// CDK entry point (cdk.json runs `node bin/app.ts`). The stage comes from the CDK context:
// `npx cdk synth -c stage=prod`; without it, `dev`. Handlers are bundled with the local esbuild.
import { createApp } from '../lib/app.ts';

createApp({ bundle: true });
