/**
 * The local host's recompute worker: runs `runRecompute` in a worker thread, as the recompute Lambda runs
 * apart from the API in AWS. Recompute has long synchronous steps (view builds, model fits); in the API's
 * own thread they would stall every request behind them. The thread talks to dynalite over HTTP like the
 * API does, and keeps its row cache between runs.
 */
import { isMainThread, parentPort, Worker } from 'node:worker_threads';

interface Job {
  id: number;
  force: boolean;
}
type Reply = { id: number; ok: true } | { id: number; ok: false; message: string };

if (!isMainThread && parentPort) {
  const port = parentPort;
  const { runRecompute } = await import('@cxl/functions/recompute/run');
  port.on('message', (job: Job) => {
    runRecompute({ force: job.force }).then(
      () => port.postMessage({ id: job.id, ok: true } satisfies Reply),
      (e: unknown) =>
        port.postMessage({
          id: job.id,
          ok: false,
          message: e instanceof Error ? e.message : String(e),
        } satisfies Reply),
    );
  });
}

/**
 * Starts the thread (lazily, on the first run, with the environment the host has set by then) and returns
 * `run(force)` plus `close()`. A thread that dies fails its pending run and is replaced on the next one.
 */
export function createRecomputeThread(): {
  run: (force: boolean) => Promise<void>;
  close: () => Promise<void>;
} {
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();

  const failAll = (e: Error) => {
    for (const p of pending.values()) p.reject(e);
    pending.clear();
  };
  const start = (): Worker => {
    // The thread loads TypeScript through tsx, whether the host runs under the tsx CLI or inside vitest.
    const w = new Worker(new URL(import.meta.url), { execArgv: ['--import', 'tsx'], env: process.env });
    w.on('message', (r: Reply) => {
      const p = pending.get(r.id);
      if (!p) return;
      pending.delete(r.id);
      if (r.ok) p.resolve();
      else p.reject(new Error(r.message));
    });
    w.on('error', (e) => failAll(e));
    w.on('exit', (code) => {
      if (worker === w) worker = null;
      failAll(new Error(`recompute thread exited (code ${code})`));
    });
    return w;
  };
  return {
    run(force: boolean): Promise<void> {
      worker ??= start();
      const id = nextId++;
      const w = worker;
      return new Promise<void>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        w.postMessage({ id, force } satisfies Job);
      });
    },
    async close(): Promise<void> {
      const w = worker;
      worker = null;
      if (w) await w.terminate();
    },
  };
}
