import { Annotations, CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { LedgerTable } from '../constructs/ledger-table';
import { ReportsBucket } from '../constructs/reports-bucket';
import { UploadsBucket } from '../constructs/uploads-bucket';

export interface DataStackProps extends StackProps {
  /** Site origins the browser posts upload forms from (the uploads bucket's CORS). */
  readonly uploadOrigins?: readonly string[];
}

/**
 * Stateful resources, kept apart so the API and web stacks can be replaced freely. Nothing here refers
 * to another stack: the API stack wires itself to the table and the bucket, never the reverse.
 */
export class DataStack extends Stack {
  readonly ledger: LedgerTable;
  readonly uploads: UploadsBucket;
  readonly reports: ReportsBucket;

  constructor(scope: Construct, id: string, props: DataStackProps = {}) {
    super(scope, id, props);
    this.ledger = new LedgerTable(this, 'Ledger');
    const uploadOrigins = props.uploadOrigins ?? [];
    this.uploads = new UploadsBucket(this, 'Uploads', { allowedOrigins: uploadOrigins });
    this.reports = new ReportsBucket(this, 'Reports');
    if (uploadOrigins.length === 0) {
      Annotations.of(this).addWarningV2(
        'cx-ledger:no-upload-origin',
        'No domainName or allowedOrigins: the uploads bucket allows no CORS origin, so browser uploads fail. Set one (e.g. the CloudFront domain) and deploy again.',
      );
    }
    new CfnOutput(this, 'TableName', { value: this.ledger.tableName });
    new CfnOutput(this, 'UploadsBucketName', { value: this.uploads.bucketName });
    new CfnOutput(this, 'ReportsBucketName', { value: this.reports.bucketName });
  }
}
