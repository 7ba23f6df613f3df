import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip, type ZlibOptions } from 'node:zlib';

/**
 * gzip of `parts` one after another, as one member, compressed as a stream: a huge input made of
 * a block repeated is never joined into one buffer (here a fresh 128 MiB buffer costs about half
 * a second of CPU, mostly page faults).
 */
export async function gzipParts(parts: Iterable<Buffer>, options: ZlibOptions = {}): Promise<Buffer> {
  const out: Buffer[] = [];
  await pipeline(Readable.from(parts), createGzip(options), async (compressed: AsyncIterable<Buffer>) => {
    for await (const chunk of compressed) out.push(chunk);
  });
  return Buffer.concat(out);
}
