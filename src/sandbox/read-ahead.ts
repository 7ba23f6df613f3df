/**
 * Chunks with the next one already being read: the read (libuv's thread pool) runs while the
 * consumer works on the chunk before, instead of each waiting for the other. A file read
 * through the sandbox reads only when asked, so without this every chunk's read time adds up.
 */
export async function* readAhead<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  const it = source[Symbol.asyncIterator]();
  let next = it.next();
  try {
    for (;;) {
      const r = await next;
      if (r.done) return;
      next = it.next();
      // A read that fails after the consumer stopped must not be an unhandled rejection.
      next.catch(() => {});
      yield r.value;
    }
  } finally {
    await it.return?.();
  }
}
