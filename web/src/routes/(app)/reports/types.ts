/** Shapes of the report API (contracts in shared/src/contracts/reports.ts). */
export interface SubscriptionInput {
  name: string;
  reportType: 'executive-summary' | 'benchmark' | 'bu-scorecard';
  bu: string;
  recipients: string[];
  cadence: { every: 'week' | 'month' | 'quarter'; day: number; time: string; timeZone: string };
  locale: 'en' | 'zh-CN';
  format: 'html' | 'pdf' | 'both';
  active: boolean;
}
export interface Subscription extends SubscriptionInput {
  id: string;
  owner: string;
  createdAt: string;
  updatedAt: string;
  nextRunAt: string | null;
  unsubscribed: string[];
  lastRun?: { runId: string; status: string; at: string } | null;
}
export interface Delivery {
  recipient: string;
  status: 'queued' | 'sent' | 'failed' | 'skipped';
  attempts: number;
  reason?: string;
  sentAt?: string;
}
export interface Run {
  runId: string;
  subscriptionId: string;
  subscriptionName: string;
  trigger: 'schedule' | 'manual';
  scheduledFor: string | null;
  status: 'queued' | 'running' | 'sent' | 'partial' | 'failed';
  createdAt: string;
  finishedAt?: string;
  error?: string;
  subject?: string;
  deliveries: Delivery[];
}
export interface OutboxEntry {
  file: string;
  to: string[];
  subject: string;
  date: string;
  size: number;
  attachments: { filename: string; contentType: string; size: number }[];
}
export interface Approved {
  email: string;
  approvedBy: string;
  approvedAt: string;
  note?: string;
}
