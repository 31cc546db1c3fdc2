import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

export interface DashboardStackProps extends StackProps {
  readonly httpApi: apigw.IHttpApi;
  readonly table: dynamodb.ITableV2;
  /** Route functions by handler name. */
  readonly routeFunctions: ReadonlyMap<string, lambda.IFunction>;
  /** Workers by handler name. */
  readonly workers: ReadonlyMap<string, lambda.IFunction>;
  readonly deadLetterQueues: ReadonlyMap<string, sqs.IQueue>;
}

const PERIOD = Duration.minutes(5);

/**
 * One CloudWatch dashboard for the whole deployment: API traffic, errors and latency; route and worker
 * errors, throttles and duration; dead-letter depth; table capacity and throttling. Its own stack,
 * created last: it reads metrics of every other stack, which themselves refer to none of it.
 */
export class DashboardStack extends Stack {
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: DashboardStackProps) {
    super(scope, id, props);
    const sum = cloudwatch.Stats.SUM;
    const perFunction = (
      fns: ReadonlyMap<string, lambda.IFunction>,
      metric: (fn: lambda.IFunction) => cloudwatch.IMetric,
    ) => [...fns].map(([, fn]) => metric(fn));
    const apiMetric = (metricName: string, statistic: string, label: string) =>
      new cloudwatch.Metric({
        namespace: 'AWS/ApiGateway',
        metricName,
        dimensionsMap: { ApiId: props.httpApi.apiId },
        statistic,
        period: PERIOD,
        label,
      });

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      defaultInterval: Duration.days(1),
      widgets: [
        [
          new cloudwatch.GraphWidget({
            title: 'API requests and errors',
            left: [apiMetric('Count', sum, 'requests')],
            right: [apiMetric('4xx', sum, '4xx'), apiMetric('5xx', sum, '5xx')],
            width: 8,
          }),
          new cloudwatch.GraphWidget({
            title: 'API latency (ms)',
            left: ['p50', 'p90', 'p99'].map((p) => apiMetric('Latency', p, p)),
            width: 8,
          }),
          new cloudwatch.GraphWidget({
            title: 'Dead-letter queues (messages)',
            left: [...props.deadLetterQueues].map(([name, queue]) =>
              queue.metricApproximateNumberOfMessagesVisible({
                period: PERIOD,
                statistic: cloudwatch.Stats.MAXIMUM,
                label: name,
              }),
            ),
            width: 8,
          }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: 'Route errors',
            left: perFunction(props.routeFunctions, (fn) =>
              fn.metricErrors({ period: PERIOD, statistic: sum }),
            ),
            legendPosition: cloudwatch.LegendPosition.HIDDEN,
            width: 8,
          }),
          new cloudwatch.GraphWidget({
            title: 'Route throttles',
            left: perFunction(props.routeFunctions, (fn) =>
              fn.metricThrottles({ period: PERIOD, statistic: sum }),
            ),
            legendPosition: cloudwatch.LegendPosition.HIDDEN,
            width: 8,
          }),
          new cloudwatch.GraphWidget({
            title: 'Route duration p99 (ms)',
            left: perFunction(props.routeFunctions, (fn) =>
              fn.metricDuration({ period: PERIOD, statistic: cloudwatch.Stats.p(99) }),
            ),
            legendPosition: cloudwatch.LegendPosition.HIDDEN,
            width: 8,
          }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: 'Worker errors and throttles',
            left: perFunction(props.workers, (fn) => fn.metricErrors({ period: PERIOD, statistic: sum })),
            right: perFunction(props.workers, (fn) => fn.metricThrottles({ period: PERIOD, statistic: sum })),
            width: 8,
          }),
          new cloudwatch.GraphWidget({
            title: 'Worker duration max (s)',
            left: [...props.workers].map(
              ([handler, fn], i) =>
                new cloudwatch.MathExpression({
                  expression: `d${i} / 1000`,
                  usingMetrics: {
                    [`d${i}`]: fn.metricDuration({ period: PERIOD, statistic: cloudwatch.Stats.MAXIMUM }),
                  },
                  period: PERIOD,
                  label: handler,
                }),
            ),
            width: 8,
          }),
          new cloudwatch.GraphWidget({
            title: 'Table: consumed capacity and throttles',
            left: [
              props.table.metricConsumedReadCapacityUnits({ period: PERIOD, statistic: sum }),
              props.table.metricConsumedWriteCapacityUnits({ period: PERIOD, statistic: sum }),
            ],
            right: [
              new cloudwatch.Metric({
                namespace: 'AWS/DynamoDB',
                metricName: 'ThrottledRequests',
                dimensionsMap: { TableName: props.table.tableName },
                statistic: sum,
                period: PERIOD,
              }),
            ],
            width: 8,
          }),
        ],
      ],
    });
    new CfnOutput(this, 'DashboardName', { value: this.dashboard.dashboardName });
  }
}
