import { readLocalOptions } from './options';
import { startLocalStack } from './stack';

const DEMO_USERS = [
  'cfo@demo.local',
  'cxo@demo.local',
  'finance@demo.local',
  'cx@demo.local',
  'admin@demo.local',
];

async function main(): Promise<void> {
  const o = readLocalOptions();
  const t0 = Date.now();
  console.log(`CX Ledger — local host (data in ${o.dataDir})`);
  const stack = await startLocalStack(o);
  console.log('');
  console.log(`  Dashboard:  ${stack.url}/`);
  console.log(`  API:        ${stack.url}/api/health`);
  if (stack.seeded === 'empty') console.log('  DEMO=off: an empty instance — upload your own company files.');
  console.log(`  Logins:     ${DEMO_USERS.join(', ')}`);
  console.log(`  Password:   ${o.DEMO_PASSWORD ? '(the DEMO_PASSWORD you set)' : 'demo'}`);
  console.log(
    `  Ready in ${((Date.now() - t0) / 1000).toFixed(1)} s. Ctrl+C stops; data is kept (npm run reset wipes it).`,
  );
  const stop = () => {
    console.log('Stopping …');
    stack.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
