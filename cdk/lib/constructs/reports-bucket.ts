import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

/**
 * The bucket rendered reports (PDF, HTML, chart images) are kept in under `reports/`, so a run can be
 * re-sent or linked without rendering again. Private, TLS only, SSE-S3, retained; files move to
 * Infrequent Access after 30 days and expire after 400 (a year of monthly runs plus a quarter).
 * Not versioned: a report is written once per (run, recipient) and never edited.
 */
export class ReportsBucket extends Construct {
  static readonly PREFIX = 'reports/';
  readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.bucket = new s3.Bucket(this, 'Bucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      lifecycleRules: [
        { id: 'abort-incomplete-multipart-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
        {
          id: 'infrequent-access-then-expire',
          transitions: [
            { storageClass: s3.StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(30) },
          ],
          expiration: Duration.days(400),
        },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  get bucketName(): string {
    return this.bucket.bucketName;
  }

  /** `s3:GetObject` and `s3:PutObject` on `reports/*` only (no list, no delete). */
  grantReadWrite(fn: lambda.IFunction): iam.Grant {
    return this.bucket.grants.actionsOnObjectKeys(
      fn,
      `${ReportsBucket.PREFIX}*`,
      's3:GetObject',
      's3:PutObject',
    );
  }

  /** Gives `fn` the bucket (`REPORTS_BUCKET`) and read/write on `reports/*`. */
  bind(fn: lambda.Function): void {
    fn.addEnvironment('REPORTS_BUCKET', this.bucket.bucketName);
    this.grantReadWrite(fn);
  }
}
