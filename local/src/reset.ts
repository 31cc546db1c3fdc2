import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';

/** `npm run reset`: wipes the local data folder (DATA_DIR, default .data). */
const dir = resolve(process.env.DATA_DIR ?? '.data');
await rm(dir, { recursive: true, force: true });
console.log(`Removed ${dir}. The next npm start loads the demo company again.`);
