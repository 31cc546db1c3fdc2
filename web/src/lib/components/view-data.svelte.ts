import { untrack } from 'svelte';
import { ApiError, isAbort } from '#lib/api.ts';
import { t } from '#lib/i18n.ts';
import { errorText, isPending } from '#lib/views/errors.ts';
import { POLL_SECONDS } from '#lib/views/resource.svelte.ts';

/**
 * What a failed view request means for an executive: a model view that is not materialized for the
 * selection (404/422) says so and what to choose instead (the server names the available periods);
 * everything else as the shared error texts (network, session, role, server).
 */
export function viewErrorText(err: unknown): string {
  if (err instanceof ApiError && (err.status === 404 || err.status === 422)) {
    return t('ui.error.notComputed', { message: err.message });
  }
  return errorText(err);
}

/**
 * One view request bound to a component: `data`, `error` (what to do), `pending` while the server
 * answers 409 "being computed" (asked again every {@link POLL_SECONDS} s), `loading` on the first
 * request. `load()` returns the cleanup for `$effect`.
 */
export class ViewData<T> {
  data: T | null = $state.raw(null);
  error: string | null = $state(null);
  pending = $state(false);
  loading = $state(false);

  load(fetcher: (signal: AbortSignal) => Promise<T>): () => void {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
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
          if (isPending(err)) {
            this.pending = true;
            timer = setTimeout(attempt, POLL_SECONDS * 1000);
            return;
          }
          this.pending = false;
          this.data = null;
          this.error = viewErrorText(err);
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
