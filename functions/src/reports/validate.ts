import { ValidationError } from '../lib/errors';
import { getMetaView } from '../repositories/views';

/** A subscription's unit must be ALL or one of the business units in the data. */
export async function assertKnownBu(bu: string): Promise<void> {
  if (bu === 'ALL') return;
  const meta = await getMetaView();
  const known = meta?.businessUnits.map((b) => b.id) ?? [];
  if (!known.includes(bu))
    throw new ValidationError(
      `Unknown business unit ${bu}; use ALL${known.length > 0 ? ` or one of ${known.join(', ')}` : ' (no data loaded yet)'}.`,
      [{ path: 'bu', message: 'unknown business unit' }],
    );
}
