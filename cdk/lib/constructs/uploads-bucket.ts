import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import { Construct } from 'constructs';

/** What a function does with uploaded files: sign the browser's POST, or read the files. */
export type UploadsAccess = 'presign' | 'read';

export interface UploadsBucketProps {
  /** Browser origins allowed to POST the presigned form straight to the bucket (CORS). */
  readonly allowedOrigins: readonly string[];
}

/**
 * The bucket users' files are posted to (presigned POST, `uploads/<kind>/<uploadId>/<fileName>`).
 * Private, TLS only, SSE-S3, versioned, retained; incomplete multipart uploads are aborted after a day,
 * replaced versions expire after 90 days and files move to Infrequent Access after 90 days.
 */
export class UploadsBucket extends Construct {
  /** Key prefix of every upload; grants and the object-created notification are scoped to it. */
  static readonly PREFIX = 'uploads/';
  readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: UploadsBucketProps) {
    super(scope, id);
    const origins = [...props.allowedOrigins];
    this.bucket = new s3.Bucket(this, 'Bucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      cors:
        origins.length > 0
          ? [
              {
                // The SPA posts with XMLHttpRequest and an upload-progress listener, which makes the
                // browser send a preflight: allow POST from the site origins.
                allowedMethods: [s3.HttpMethods.POST],
                allowedOrigins: origins,
                allowedHeaders: ['content-type'],
                maxAge: 3600,
              },
            ]
          : undefined,
      lifecycleRules: [
        { id: 'abort-incomplete-multipart-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
        { id: 'expire-noncurrent-versions', noncurrentVersionExpiration: Duration.days(90) },
        {
          id: 'infrequent-access',
          transitions: [
            { storageClass: s3.StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(90) },
          ],
        },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  get bucketName(): string {
    return this.bucket.bucketName;
  }

  /**
   * `https://<bucket>.s3.<region>.amazonaws.com`: where the browser posts (the regional virtual-hosted
   * endpoint the SDK's presigned POST answers, in every region including us-east-1).
   */
  get postOrigin(): string {
    return `https://${this.bucket.bucketRegionalDomainName}`;
  }

  /**
   * `s3:PutObject` on `uploads/*` only: a presigned POST is signed with the function's credentials, so
   * this is exactly what the browser may do with the form.
   */
  grantPresign(fn: lambda.IFunction): iam.Grant {
    return this.bucket.grants.actionsOnObjectKeys(fn, `${UploadsBucket.PREFIX}*`, 's3:PutObject');
  }

  /** `s3:GetObject` on `uploads/*` only. */
  grantRead(fn: lambda.IFunction): iam.Grant {
    return this.bucket.grants.actionsOnObjectKeys(fn, `${UploadsBucket.PREFIX}*`, 's3:GetObject');
  }

  /** Gives `fn` the bucket (`UPLOAD_BUCKET`) and the access it needs. */
  bind(fn: lambda.Function, access: UploadsAccess): void {
    fn.addEnvironment('UPLOAD_BUCKET', this.bucket.bucketName);
    if (access === 'presign') this.grantPresign(fn);
    else this.grantRead(fn);
  }

  /**
   * Invokes `fn` (asynchronously, an S3 `Records` event) for every object created under `uploads/`.
   *
   * When `fn` lives in another stack the notification is attached to a reference to this bucket
   * imported into `fn`'s stack: the `Custom::S3BucketNotifications` resource and the invoke permission
   * then live beside the function and only that stack refers to this one. Attached to the owned bucket
   * they would live here and point at the function, while the function's stack already points here
   * (bucket name, grants): a dependency cycle. For an imported bucket the custom resource merges its
   * configuration with the bucket's existing one instead of replacing it, so do not also add
   * notifications to the owned bucket (that one would replace the whole configuration).
   */
  addUploadListener(fn: lambda.IFunction): void {
    const target = this.bucketIn(Stack.of(fn));
    target.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(fn), {
      prefix: UploadsBucket.PREFIX,
    });
  }

  /** This bucket as seen from `stack`: itself in its own stack, else one imported reference per stack. */
  private bucketIn(stack: Stack): s3.IBucket {
    if (stack === Stack.of(this)) return this.bucket;
    const id = `${this.node.id}BucketRef`;
    const existing = stack.node.tryFindChild(id);
    if (existing) return existing as s3.IBucket;
    return s3.Bucket.fromBucketAttributes(stack, id, {
      bucketName: this.bucket.bucketName,
      bucketArn: this.bucket.bucketArn,
    });
  }
}
