import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { LedgerTable } from '../constructs/ledger-table';

/** Stateful resources, kept apart so the API and web stacks can be replaced freely. */
export class DataStack extends Stack {
  readonly ledger: LedgerTable;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    this.ledger = new LedgerTable(this, 'Ledger');
    new CfnOutput(this, 'TableName', { value: this.ledger.tableName });
  }
}
