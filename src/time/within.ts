/**
 * A call that settles within `timeoutMs`, whatever it does (hangs, throws): its answer, or
 * `onTimeout()` when time runs out, or `onError(error)` when it throws. Used for model calls, where
 * the caller's time budget decides what happens next.
 */
export async function settleWithin<T>(
  call: () => Promise<T>,
  timeoutMs: number,
  onTimeout: () => T,
  onError: (error: unknown) => T,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(onTimeout()), timeoutMs);
  });
  const settled = Promise.resolve()
    .then(call)
    .catch((error: unknown) => onError(error));
  try {
    return await Promise.race([settled, late]);
  } finally {
    clearTimeout(timer);
  }
}
