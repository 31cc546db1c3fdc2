import { App } from 'aws-cdk-lib';
import { createCxLedger } from '../lib/cx-ledger';
import { readDeployConfig } from './config';

const app = new App();
createCxLedger(
  app,
  readDeployConfig((key) => app.node.tryGetContext(key), process.env),
);
