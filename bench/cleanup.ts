/** The end of a bench run, which a signal may bring forward. */
export interface BenchCleanup {
  /** true once SIGINT or SIGTERM has arrived */
  readonly aborted: boolean;
  /** cleans up (once) and stops listening for signals: call it at the end of the run */
  finish(): Promise<void>;
}

/**
 * Runs `work` once, whichever asks first: the bench at its end (`finish`), or SIGINT/SIGTERM, after
 * which the process exits 130 once `work` is done. Ctrl-C reaches this process twice (from the
 * terminal and relayed by tsx): it stays subscribed, so a second signal cannot kill the process
 * before the tmp dir is gone.
 */
export function cleanupOnce(work: () => Promise<void>): BenchCleanup {
  let stopping: Promise<void> | undefined;
  /** Idempotent: a signal and the normal end may both ask. */
  const cleanup = () => (stopping ??= work());
  let aborted = false;
  const interrupted = () => {
    if (aborted) return;
    aborted = true;
    process.stderr.write('bench: interrupted, cleaning up\n');
    void cleanup().finally(() => process.exit(130));
  };
  process.on('SIGINT', interrupted);
  process.on('SIGTERM', interrupted);
  return {
    get aborted() {
      return aborted;
    },
    async finish() {
      await cleanup();
      process.off('SIGINT', interrupted);
      process.off('SIGTERM', interrupted);
    },
  };
}
