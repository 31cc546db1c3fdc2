/**
 * In-process recompute trigger for the local host: requests within `delayMs` collapse into one run;
 * a request during a run schedules exactly one more run afterwards.
 */
export function createDebouncedRunner(
  run: (force: boolean) => Promise<void>,
  delayMs: number,
  log: (s: string) => void,
) {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let force = false;

  const start = () => {
    timer = null;
    if (running) {
      again = true;
      return;
    }
    const f = force;
    force = false;
    running = run(f)
      .catch((e: unknown) => log(`recompute failed: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          start();
        }
      });
  };
  return {
    request(opts: { force: boolean }): Promise<void> {
      force ||= opts.force;
      if (timer) clearTimeout(timer);
      timer = setTimeout(start, delayMs);
      return Promise.resolve();
    },
    async idle(): Promise<void> {
      if (timer) {
        clearTimeout(timer);
        timer = null;
      }
      while (running) await running;
    },
  };
}
