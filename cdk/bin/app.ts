import { App } from 'aws-cdk-lib';
import { createCxLedger } from '../lib/cx-ledger';
import { addNagChecks } from '../lib/nag';
import { readDeployConfig } from './config';

const app = new App();
const stacks = createCxLedger(
  app,
  readDeployConfig((key) => app.node.tryGetContext(key), process.env),
);
// cdk-nag (AWS Solutions): `cdk synth` fails on any finding not acknowledged with a reason.
addNagChecks(app, stacks);
