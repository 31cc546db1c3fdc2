import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';

export type TableAccess = 'read' | 'readWrite';

/**
 * The single DynamoDB table (`pk`/`sk`, one overloaded GSI `gsi1`, TTL on `ttl`). On-demand, PITR,
 * deletion protection, encrypted with the AWS-managed key, retained when the stack goes away.
 */
export class LedgerTable extends Construct {
  static readonly GSI1 = 'gsi1';
  readonly table: dynamodb.TableV2;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.table = new dynamodb.TableV2(this, 'Table', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'sk', type: dynamodb.AttributeType.STRING },
      globalSecondaryIndexes: [
        {
          indexName: LedgerTable.GSI1,
          partitionKey: { name: 'gsi1pk', type: dynamodb.AttributeType.STRING },
          sortKey: { name: 'gsi1sk', type: dynamodb.AttributeType.STRING },
          projectionType: dynamodb.ProjectionType.ALL,
        },
      ],
      timeToLiveAttribute: 'ttl',
      billing: dynamodb.Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      encryption: dynamodb.TableEncryptionV2.awsManagedKey(),
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  get tableName(): string {
    return this.table.tableName;
  }

  grantReadData(fn: lambda.IFunction): void {
    this.table.grants.readData(fn);
  }

  grantReadWriteData(fn: lambda.IFunction): void {
    this.table.grants.readWriteData(fn);
  }

  /** Gives `fn` the table (`TABLE_NAME`) and the access it needs. */
  bind(fn: lambda.Function, access: TableAccess): void {
    fn.addEnvironment('TABLE_NAME', this.table.tableName);
    if (access === 'readWrite') this.grantReadWriteData(fn);
    else this.grantReadData(fn);
  }
}
