/**
 * Bounded concurrency: AWS throttles bursts, and a class of 500 students must not become 500 parallel requests.
 * Results keep the order of the input whatever order the tasks finish in.
 */

/** A gate running at most `concurrency` of the functions passed to it at once. */
export type Limiter = <T>(task: () => Promise<T>) => Promise<T>;

export function limit(concurrency: number): Limiter {
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RangeError(`concurrency must be a positive integer (got ${concurrency})`);
  }
  let active = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    active -= 1;
    waiting.shift()?.();
  };
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active >= concurrency) await new Promise<void>((resolve) => waiting.push(resolve));
    active += 1;
    try {
      return await task();
    } finally {
      release();
    }
  };
}

/** `items.map(fn)` with at most `concurrency` calls in flight; rejects with the first error, like Promise.all. */
export function mapLimit<T, R>(
  items: readonly T[],
  concurrency: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const gate = limit(concurrency);
  return Promise.all(items.map((item, index) => gate(() => fn(item, index))));
}
