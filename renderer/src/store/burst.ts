/**
 * Runs `run` once per burst: the first trigger starts a timer, the ones until it fires are
 * absorbed. A burst of 5,000 webhooks must not cause 5,000 reads.
 */
export function onceAfter(run: () => void, defaultDelay: number) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    trigger(delay = defaultDelay): void {
      timer ??= setTimeout(() => {
        timer = undefined;
        run();
      }, delay);
    },
    stop(): void {
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
