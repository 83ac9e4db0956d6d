/**
 * A push-to-pull queue: producers (K concurrent model streams) push events, one consumer (the HTTP response) pulls
 * them in order. Unbounded on purpose: the events are small deltas already paced by the model, and dropping one
 * would corrupt the text the browser assembles.
 */
export function createEventChannel<T>() {
  const queue: T[] = [];
  let closed = false;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  return {
    push(event: T) {
      if (closed) return;
      queue.push(event);
      notify();
    },
    close() {
      closed = true;
      notify();
    },
    async *[Symbol.asyncIterator](): AsyncGenerator<T> {
      while (true) {
        const next = queue.shift();
        if (next !== undefined) {
          yield next;
          continue;
        }
        if (closed) return;
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
    },
  };
}
export type EventChannel<T> = ReturnType<typeof createEventChannel<T>>;
