import { Annotations, CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as ses from 'aws-cdk-lib/aws-ses';
import type { Construct } from 'constructs';

export interface MailStackProps extends StackProps {
  /** The `From` address of report e-mails; its domain becomes the SES identity. */
  readonly mailFrom?: string;
}

/**
 * Outgoing mail: an SES domain identity (Easy DKIM) for the sender's domain and a configuration set
 * (TLS required, reputation metrics, bounces and complaints suppressed). Without a sender address
 * nothing is created and report e-mails cannot be sent (a synth warning says so).
 */
export class MailStack extends Stack {
  readonly mailFrom?: string;
  readonly identity?: ses.EmailIdentity;
  readonly configurationSet: ses.ConfigurationSet;

  constructor(scope: Construct, id: string, props: MailStackProps) {
    super(scope, id, props);
    this.mailFrom = props.mailFrom;

    this.configurationSet = new ses.ConfigurationSet(this, 'ConfigurationSet', {
      tlsPolicy: ses.ConfigurationSetTlsPolicy.REQUIRE,
      reputationMetrics: true,
      suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    new CfnOutput(this, 'ConfigurationSetName', { value: this.configurationSet.configurationSetName });

    if (!props.mailFrom) {
      Annotations.of(this).addWarningV2(
        'cx-ledger:no-mail-from',
        'No mailFrom (or domainName): no SES identity, so scheduled reports cannot be e-mailed. Set -c mailFrom=reports@your-domain and deploy again.',
      );
      return;
    }
    const domain = props.mailFrom.slice(props.mailFrom.lastIndexOf('@') + 1);
    this.identity = new ses.EmailIdentity(this, 'Identity', {
      identity: ses.Identity.domain(domain),
      configurationSet: this.configurationSet,
    });
    // Easy DKIM: publish these three CNAME records in the domain's DNS (docs/deploy.md).
    this.identity.dkimRecords.forEach((record, i) => {
      new CfnOutput(this, `DkimRecord${i + 1}`, { value: `${record.name} CNAME ${record.value}` });
    });
    new CfnOutput(this, 'MailFrom', { value: props.mailFrom });
  }

  /** ARN of the configuration set (SES v2 authorizes `SendEmail` on it as well as on the identity). */
  get configurationSetArn(): string {
    return this.formatArn({
      service: 'ses',
      resource: 'configuration-set',
      resourceName: this.configurationSet.configurationSetName,
    });
  }

  /**
   * Lets `fn` send through the identity and the configuration set — `ses:SendEmail` and
   * `ses:SendRawEmail` on exactly those two ARNs — and gives it `SES_FROM` and
   * `SES_CONFIGURATION_SET`. Returns false (and grants nothing) when no sender is configured.
   */
  bindSender(fn: lambda.Function): boolean {
    if (!this.identity || !this.mailFrom) return false;
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['ses:SendEmail', 'ses:SendRawEmail'],
        resources: [this.identity.emailIdentityArn, this.configurationSetArn],
      }),
    );
    fn.addEnvironment('SES_FROM', this.mailFrom);
    fn.addEnvironment('SES_CONFIGURATION_SET', this.configurationSet.configurationSetName);
    return true;
  }
}
