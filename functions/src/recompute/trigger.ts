/**
 * How a recompute gets started. In AWS the API invokes the recompute worker asynchronously; the local
 * host installs an in-process runner (debounced) with {@link setRecomputeRunner}.
 */
type Runner = (opts: { force: boolean }) => Promise<void>;

let runner: Runner | null = null;

export function setRecomputeRunner(r: Runner): void {
  runner = r;
}

export async function requestRecompute(opts: { force: boolean }): Promise<void> {
  if (runner) return runner(opts);
  const { invokeRecomputeWorker } = await import('./invoke-lambda');
  await invokeRecomputeWorker(opts);
}
