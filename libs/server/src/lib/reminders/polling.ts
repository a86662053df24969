/** A running polling loop; `stop()` resolves once a run in progress has finished. */
export interface PollingLoop {
  stop(): Promise<void>;
}

/**
 * Runs `task` every `intervalMs`, measured from the end of the previous run, so runs never
 * overlap. Errors are handed to `onError` and the loop goes on.
 */
export function startPolling(
  task: () => Promise<void>,
  intervalMs: number,
  onError: (err: unknown) => void,
  options: { immediate?: boolean } = {},
): PollingLoop {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> = Promise.resolve();

  const run = (): void => {
    timer = undefined;
    if (stopped) return;
    current = task()
      .catch(onError)
      .finally(() => {
        if (!stopped) timer = setTimeout(run, intervalMs);
      });
  };

  if (options.immediate ?? true) run();
  else timer = setTimeout(run, intervalMs);

  return {
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current;
    },
  };
}
