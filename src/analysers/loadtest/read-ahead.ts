/**
 * A file's chunks with the next one already being read: the read (libuv's thread pool) runs
 * while the parser works on the chunk before, instead of each waiting for the other. A
 * sandbox stream reads only when asked, so without this every chunk's read time adds up.
 */
import type { ByteSource } from '../bytes.js';

type Chunk = Buffer | Uint8Array | string;

export async function* readAhead(source: ByteSource): AsyncGenerator<Chunk> {
  const it: AsyncIterator<Chunk> | Iterator<Chunk> =
    Symbol.asyncIterator in source ? (source as AsyncIterable<Chunk>)[Symbol.asyncIterator]() : (source as Iterable<Chunk>)[Symbol.iterator]();
  let next = Promise.resolve(it.next());
  try {
    for (;;) {
      const r = await next;
      if (r.done) return;
      next = Promise.resolve(it.next());
      // A read that fails after the consumer stopped must not be an unhandled rejection.
      next.catch(() => {});
      yield r.value;
    }
  } finally {
    await it.return?.();
  }
}
