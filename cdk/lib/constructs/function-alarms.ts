import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** PascalCase construct id from a kebab-case name: `get-me` → `GetMe`. */
export function constructId(name: string): string {
  return name
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

export interface FunctionAlarmsProps {
  readonly topic: sns.ITopic;
  /** Functions by handler name: each gets an errors and a throttles alarm. */
  readonly functions: ReadonlyMap<string, lambda.IFunction>;
  /** Dead-letter queues by name: each alarms as soon as one message is in it. */
  readonly deadLetterQueues: ReadonlyMap<string, sqs.IQueue>;
}

const PERIOD = Duration.minutes(5);

/**
 * Alarms on function errors and throttles and on dead-letter depth, publishing to the alarm topic.
 * They live in their own scope, one sub-scope per kind keyed by name, so their ids cannot meet a
 * function's (`get-upload` + `Errors` once collided with the function of `get-upload-errors`).
 */
export class FunctionAlarms extends Construct {
  readonly action: actions.SnsAction;

  constructor(scope: Construct, id: string, props: FunctionAlarmsProps) {
    super(scope, id);
    this.action = new actions.SnsAction(props.topic);

    const errors = new Construct(this, 'Errors');
    const throttles = new Construct(this, 'Throttles');
    for (const [handler, fn] of props.functions) {
      this.alarm(errors, constructId(handler), {
        alarmDescription: `${handler} threw errors`,
        metric: fn.metricErrors({ period: PERIOD, statistic: cloudwatch.Stats.SUM }),
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      });
      this.alarm(throttles, constructId(handler), {
        alarmDescription: `${handler} was throttled (reserved or account concurrency exhausted)`,
        metric: fn.metricThrottles({ period: PERIOD, statistic: cloudwatch.Stats.SUM }),
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      });
    }

    const deadLetters = new Construct(this, 'DeadLetters');
    for (const [name, queue] of props.deadLetterQueues) {
      this.alarm(deadLetters, constructId(name), {
        alarmDescription: `${name}: an asynchronous invocation failed every retry and was dead-lettered`,
        metric: queue.metricApproximateNumberOfMessagesVisible({
          period: PERIOD,
          statistic: cloudwatch.Stats.MAXIMUM,
        }),
        threshold: 0,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      });
    }
  }

  /** One alarm notifying the topic; missing data (no traffic) is not a breach. */
  alarm(
    scope: Construct,
    id: string,
    props: Pick<cloudwatch.AlarmProps, 'alarmDescription' | 'metric' | 'threshold' | 'comparisonOperator'> & {
      readonly evaluationPeriods?: number;
    },
  ): cloudwatch.Alarm {
    const alarm = new cloudwatch.Alarm(scope, id, {
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      ...props,
    });
    alarm.addAlarmAction(this.action);
    return alarm;
  }
}
