import { untrack } from 'svelte';
import { isAbort } from '#lib/api.ts';
import { errorText, isPending } from './errors.ts';

/** Seconds between two checks while a view is being computed. */
export const POLL_SECONDS = 5;

/**
 * One GET-like request bound to a component: `data` once loaded, `error` (a sentence saying what to
 * do), `pending` while the server answers "being computed" (it is asked again every
 * {@link POLL_SECONDS}), `loading` during the first request. `load()` returns a cleanup for `$effect`.
 *
 * ```ts
 * const r = new Resource<Foo>();
 * $effect(() => r.load((signal) => apiJson(session, 'GET', '/foo', { signal })));
 * ```
 */
export class Resource<T> {
  data: T | null = $state.raw(null);
  error: string | null = $state(null);
  pending = $state(false);
  loading = $state(false);
  /** Extra predicate: errors for which polling should continue (e.g. 404 "not computed yet"). */
  #waitFor: (err: unknown) => boolean;

  constructor(waitFor: (err: unknown) => boolean = isPending) {
    this.#waitFor = waitFor;
  }

  load(fetcher: (signal: AbortSignal) => Promise<T>): () => void {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    // Untracked: the calling effect must depend only on what the fetcher reads, not on this state.
    untrack(() => {
      this.loading = this.data === null;
      this.error = null;
    });
    const attempt = () => {
      fetcher(controller.signal).then(
        (value) => {
          this.data = value;
          this.pending = false;
          this.loading = false;
        },
        (err: unknown) => {
          if (isAbort(err)) return;
          this.loading = false;
          if (this.#waitFor(err)) {
            this.pending = true;
            timer = setTimeout(attempt, POLL_SECONDS * 1000);
            return;
          }
          this.pending = false;
          this.error = errorText(err);
        },
      );
    };
    attempt();
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }
}
