import { csvLine } from '../csv';
import { KIND_SPECS, type InputKind } from './inputs';

const EXAMPLES: Record<InputKind, (string | number)[][]> = {
  customers: [
    ['C-000123', 'ENT', 'Enterprise', '2021-04', 'DE', 'earned'],
    ['C-000124', 'SMB', '', '2023-11', 'US', 'bought'],
  ],
  revenue: [
    ['C-000123', '2024-03', '6250.00', 'EUR', ''],
    ['C-000124', '2024-03', '(120.00)', '', ''],
  ],
  'fx-rates': [['2024-03', 'EUR', '1.0876']],
  contacts: [
    [
      'T-9001',
      'I-7001',
      'C-000123',
      'email',
      '2024-03-04T09:15:00Z',
      '2024-03-04T13:02:00Z',
      '240',
      '0',
      '60',
      'yes',
      'ENT-email',
    ],
    [
      'T-9002',
      'I-7001',
      'C-000123',
      'phone',
      '2024-03-06T10:00:00+01:00',
      '2024-03-06T10:00:41+01:00',
      '380',
      '45',
      '90',
      'no',
      'ENT-phone',
    ],
  ],
  'survey-transactional': [['R-1', 'T-9001', 'C-000123', '2024-03-05T08:00:00Z', 4, 6, 'yes']],
  'survey-relationship': [
    ['N-1', 'C-000123', '2024-03-10T12:00:00Z', 9, 8, 7, 9, 6, 7, 8, 8],
    ['N-2', 'C-000124', '2024-03-11T12:00:00Z', 6, '', '', '', '', '', '', ''],
  ],
  'churn-events': [['C-000124', '2024-05', 'voluntary', '']],
  'operational-drivers': [
    ['ENT', '2024-03', 'stockout_rate', '0.043'],
    ['ENT', '2024-03', 'on_time_delivery', '0.962'],
  ],
};

/** A CSV template for a kind: the canonical header (required columns first) and example rows. */
export function templateCsv(kind: InputKind): string {
  const header = KIND_SPECS[kind].columns.map((c) => c.name);
  const rows = EXAMPLES[kind].map((r) => csvLine(r));
  return `${[csvLine(header), ...rows].join('\r\n')}\r\n`;
}
