/**
 * One file of a series: its name (as errors and warnings should show it — a path, or a browser
 * `File`'s name) and either its bytes or a way to read them. A `read` function lets a reader
 * hold one file in memory at a time (the `/node` entry reads folders that way).
 */
export type DicomInput =
  | { name: string; bytes: Uint8Array }
  | { name: string; read: () => Promise<Uint8Array> };

/** The bytes of an input (reading it when it is given by a function). */
export function inputBytes(input: DicomInput): Promise<Uint8Array> {
  return 'bytes' in input ? Promise.resolve(input.bytes) : input.read();
}

/** Runs `work` over `items` with at most `limit` calls in flight, results in input order. */
export async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
