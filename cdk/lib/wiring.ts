import { Duration } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type { BundleExtras } from './constructs/house-function';
import type { ScheduleAccess } from './constructs/report-scheduling';
import type { UploadsAccess } from './constructs/uploads-bucket';

/**
 * Who gets what beyond the table: the tables the stacks read to wire functions to workers, buckets,
 * schedules and mail. Tests read the handler sources and fail when a handler uses something its entry
 * here does not grant.
 */

/** A function of `WORKERS` in `functions/src/routes.ts`. */
export interface WorkerDef {
  readonly name: string;
  readonly handler: string;
}

/** The handler of the worker EventBridge Scheduler starts for each report subscription. */
export const REPORT_WORKER = 'report-worker';
/** The handler of the worker started by object-created events under `uploads/`. */
export const UPLOAD_WORKER = 'process-upload-worker';

/**
 * Functions that start a worker asynchronously: caller handler → worker handler. Each gets
 * `lambda:InvokeFunction` on it and `<WORKER>_FUNCTION_NAME` (from the worker's `name`). Every handler
 * importing `recompute/trigger` must be listed (a test checks): without it `requestRecompute` fails in
 * AWS. An entry naming a handler that is not deployed (yet) is skipped.
 */
export const WORKER_CALLERS: Readonly<Record<string, string>> = {
  'post-recompute': 'recompute-worker',
  'post-upload-restore': 'recompute-worker',
  'post-ingest': 'recompute-worker',
  'put-assumptions': 'recompute-worker',
  'post-initiatives': 'recompute-worker',
  'put-initiative': 'recompute-worker',
  'delete-initiative': 'recompute-worker',
  'process-upload-worker': 'recompute-worker',
  // "Send now" queues a run of the report worker (`REPORT_FUNCTION_NAME`).
  'post-report-subscription-send-now': 'report-worker',
};

/**
 * Functions that touch the uploads bucket, and how (`UPLOAD_BUCKET` plus the grant). The other upload
 * routes (status, lists, error reports, restore, templates, batches) work on the table only. A test
 * checks this against the handlers importing `presignUpload` / `uploadsBlobStore`.
 */
export const UPLOAD_ACCESS: Readonly<Record<string, UploadsAccess>> = {
  'post-uploads': 'presign',
  'process-upload-worker': 'read',
};

/**
 * Functions that create, update or delete report schedules (EventBridge Scheduler), with the access
 * they get: the subscription writes arm or remove a subscription's schedule, and the report worker
 * re-arms it after each run. A test checks this against the handlers calling `armSchedule(` or
 * `schedulePort()`. Listing pages, previews and send-now touch no schedule.
 */
export const SCHEDULE_ACCESS: Readonly<Record<string, ScheduleAccess>> = {
  'post-report-subscriptions': 'manage',
  'put-report-subscription': 'manage',
  'delete-report-subscription': 'manage',
  'report-worker': 'manage',
};

export interface WorkerSettings {
  readonly memorySize: number;
  readonly timeout: Duration;
  readonly reservedConcurrentExecutions?: number;
  readonly architecture?: lambda.Architecture;
  readonly bundleExtras?: BundleExtras;
}

/**
 * What a function that renders report charts needs: `@napi-rs/canvas` is a native add-on, left out of
 * the bundle and shipped beside it with its `linux-x64-gnu` binary — the one `npm ci` installs on the
 * x64 deploy machine (an offline synth cannot fetch the arm64 one), hence x86_64 — and the two CJK font
 * weights `functions/src/reports/fonts.ts` loads (it looks in `fonts/` beside the bundle): 16 MB
 * instead of the package's 41. A test follows each handler's imports and requires these settings for
 * every function that reaches `@napi-rs/canvas`.
 */
export const REPORT_RENDERING = {
  architecture: lambda.Architecture.X86_64,
  bundleExtras: {
    externalModules: ['@napi-rs/canvas'],
    copy: [
      { from: 'node_modules/@napi-rs/canvas', to: 'node_modules/@napi-rs/canvas' },
      {
        from: 'node_modules/@napi-rs/canvas-linux-x64-gnu',
        to: 'node_modules/@napi-rs/canvas-linux-x64-gnu',
      },
      {
        from: 'node_modules/@embedpdf/fonts-sc/fonts/NotoSansHans-Regular.otf',
        to: 'fonts/NotoSansHans-Regular.otf',
      },
      {
        from: 'node_modules/@embedpdf/fonts-sc/fonts/NotoSansHans-Bold.otf',
        to: 'fonts/NotoSansHans-Bold.otf',
      },
      // pdfkit reads its ICC profile (PDF/A) from `./data` next to the module: the bundle's folder.
      { from: 'node_modules/pdfkit/js/data', to: 'data' },
    ],
  } satisfies BundleExtras,
} as const;

/** Settings of a route function; unlisted routes get the house defaults (1,024 MB, 10 s, arm64). */
export interface RouteSettings {
  readonly memorySize?: number;
  readonly timeout?: Duration;
  readonly architecture?: lambda.Architecture;
  readonly bundleExtras?: BundleExtras;
}

/** Routes that differ from the house defaults: the ones that render (or load) report charts. */
export const ROUTE_SETTINGS: Readonly<Record<string, RouteSettings>> = {
  // Render one report (charts + PDF, ~2 s) for the browser: more memory, up to the API's 30 s.
  'post-report-preview': { ...REPORT_RENDERING, memorySize: 1536, timeout: Duration.seconds(29) },
  'get-report-subscription-preview': { ...REPORT_RENDERING, memorySize: 1536, timeout: Duration.seconds(29) },
  // Only queues a run, but imports the run module, which loads the chart renderer.
  'post-report-subscription-send-now': REPORT_RENDERING,
};

/** Sizing of a worker without an entry below. */
export const DEFAULT_WORKER_SETTINGS: WorkerSettings = { memorySize: 1024, timeout: Duration.minutes(5) };

/** Sizing per worker handler. */
export const WORKER_SETTINGS: Readonly<Record<string, WorkerSettings>> = {
  // Phase 1 + phase 2 views of the whole company: minutes, not seconds; two at a time at most (a run
  // recomputes everything, so a third queued one adds nothing but table load).
  'recompute-worker': {
    memorySize: 2048,
    timeout: Duration.minutes(5),
    reservedConcurrentExecutions: 2,
  },
  // Up to the Lambda maximum for the largest files (200 MB); five at a time so a burst of uploads
  // cannot crowd out the API's table capacity or the account's concurrency.
  'process-upload-worker': {
    memorySize: 1024,
    timeout: Duration.minutes(15),
    reservedConcurrentExecutions: 5,
  },
  // One report with its charts and PDF takes ~2 s; a run e-mails every recipient of one subscription.
  // Five at a time: a Monday-morning burst of schedules queues (asynchronous invocations wait) instead
  // of exceeding the SES sending rate.
  'report-worker': {
    memorySize: 1536,
    timeout: Duration.minutes(5),
    reservedConcurrentExecutions: 5,
    ...REPORT_RENDERING,
  },
};

/** Retries of a failed asynchronous worker invocation before it goes to the dead-letter queue. */
export const WORKER_RETRY_ATTEMPTS = 2;

/** `recompute` → `RECOMPUTE_FUNCTION_NAME`, `process-upload` → `PROCESS_UPLOAD_FUNCTION_NAME`. */
export function functionNameVariable(workerName: string): string {
  return `${workerName.toUpperCase().replace(/-/g, '_')}_FUNCTION_NAME`;
}
