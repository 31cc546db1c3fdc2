import { isReadyMeta, type Meta, type ReadyMeta } from '#lib/api-types.ts';
import type { Session } from '#lib/session.svelte.ts';
import { ViewData } from './view-data.svelte.ts';

/** `GET /api/meta` for a view: units, month range, currency and data date (null data until ready). */
export class MetaResource extends ViewData<Meta> {
  get ready(): ReadyMeta | null {
    return this.data && isReadyMeta(this.data) ? this.data : null;
  }
  /** True when the instance has no data yet (the view says so instead of showing zeros). */
  get empty(): boolean {
    return this.data !== null && !isReadyMeta(this.data);
  }
  start(session: Session): () => void {
    return this.load((signal) => session.api.get<Meta>('/meta', undefined, signal));
  }
}
