/**
 * A long `index --db` run allocates far more than it keeps (each batch's files, texts and encoded
 * rows are garbage once written), and V8 lets such a heap grow to several times what is live:
 * 810 MB resident for 200,000 articles whose live data fits in about 100 MB. The run calls the
 * returned function as it goes; once the heap holds more than `softLimitBytes` (or twice what the
 * last collection kept), garbage included, it collects at once, so the resident size stays near
 * that instead of growing with the garbage.
 */
import v8 from 'node:v8';
import vm from 'node:vm';

export function heapValve(softLimitBytes: number): () => void {
  // The flag exposes gc() to contexts made from now on: a new context hands it over.
  v8.setFlagsFromString('--expose-gc');
  const collect: unknown = vm.runInNewContext('gc');
  if (typeof collect !== 'function') return () => undefined;
  // At least twice what the last collection kept, so a large live set is not collected over and over.
  let limit = softLimitBytes;
  // Reading the heap's size takes about 3 µs: checked at every call (one a file, one a batch, one a chunk of quotes).
  return () => {
    if (v8.getHeapStatistics().used_heap_size <= limit) return;
    (collect as () => void)();
    limit = Math.max(softLimitBytes, 2 * v8.getHeapStatistics().used_heap_size);
  };
}
