import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { InputKind } from '@cxl/shared/contracts/inputs';
import { ddb, TABLE } from '@cxl/functions/adapters/dynamo';
import { putSettings } from '@cxl/functions/repositories/settings';
import { putInitiative, putTouchpoint } from '@cxl/functions/repositories/registers';
import { DEMO_TOUCHPOINTS } from '@cxl/shared/linkage/touchpoints';
import { getTargets, saveTargets } from '@cxl/functions/repositories/targets';
import { DEMO_TARGETS } from './demo-targets';
import { readJson } from './read-json';

type InitiativeInput = Parameters<typeof putInitiative>[0];
import { ingestFile } from './ingest-file';
import type { LocalOptions } from './options';

/** Order matters: customers first (they decide each row's business unit), FX before revenue. */
export const DEMO_FILES: readonly [InputKind, string][] = [
  ['customers', 'customers.csv'],
  ['fx-rates', 'fx-rates.csv'],
  ['revenue', 'revenue.csv'],
  ['contacts', 'contacts.csv'],
  ['survey-transactional', 'survey-transactional.csv'],
  ['survey-relationship', 'survey-relationship.csv'],
  ['churn-events', 'churn-events.csv'],
  ['operational-drivers', 'operational-drivers.csv'],
];

const MARKER = { pk: 'SETTINGS', sk: 'DEMO' };

/**
 * On first start (and unless DEMO=off) generates the demo company and ingests its files through the
 * upload processor. A marker records completion, so a restart keeps the data and does nothing here.
 */
export async function seedDemoIfNeeded(
  o: LocalOptions,
  log: (s: string) => void,
): Promise<'demo' | 'existing' | 'empty'> {
  const marker = await ddb.send(new GetCommand({ TableName: TABLE, Key: MARKER }));
  if (marker.Item?.status === 'done') return 'existing';
  if (o.DEMO === 'off') return marker.Item ? 'existing' : 'empty';
  const t0 = Date.now();
  const dir = join(o.dataDir, 'demo-company');
  if (!existsSync(join(dir, 'ground_truth.json'))) {
    log(`Generating the demo company (seed ${o.DEMO_SEED}) …`);
    const { generateToDir } = await import('./generate');
    await generateToDir(dir, { seed: o.DEMO_SEED });
  }
  await putSettings({
    reportingCurrency: 'USD',
    timeZone: 'UTC',
    locale: 'en',
    businessUnitNames: { ENT: 'Enterprise', SMB: 'SMB', CON: 'Consumer' },
  });
  for (const [kind, file] of DEMO_FILES) {
    const path = join(dir, file);
    if (!existsSync(path)) continue;
    const r = await ingestFile(o.dataDir, kind, path, 'demo-seed');
    log(
      `  ${kind.padEnd(22)} ${String(r.rowsAccepted).padStart(7)} rows accepted, ${r.rowsRejected} quarantined (${r.status})`,
    );
  }
  // The CX team's registers: the demo's initiative (its cost and go-live) and touchpoint inventory.
  const initiatives = await readJson<InitiativeInput[]>(join(dir, 'initiatives.json'));
  for (const i of initiatives ?? [])
    await putInitiative(i, 'demo-seed', `demo-${i.bu.toLowerCase()}-${i.goLiveMonth}`);
  for (const t of DEMO_TOUCHPOINTS) await putTouchpoint(t, false);
  // The CX manager's targets (benchmarks compare each BU with them); only into an empty register.
  if ((await getTargets()).version === 0) await saveTargets(DEMO_TARGETS, 0, 'demo-seed');
  await ddb.send(
    new PutCommand({
      TableName: TABLE,
      Item: { ...MARKER, status: 'done', seed: o.DEMO_SEED, at: new Date().toISOString() },
    }),
  );
  log(`Demo company loaded in ${((Date.now() - t0) / 1000).toFixed(1)} s.`);
  return 'demo';
}
