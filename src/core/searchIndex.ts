/** The passage index and what its searches return, for the CLI, the workbench and the cache (the code lives in ./search/). */
export { PassageIndex } from './search/passageIndex.js';
export type { SearchHit, SearchOptions } from './search/hits.js';
export type { IndexParts } from './search/indexParts.js';
/** A half-open [start, end) character range: text.slice(start, end) is the matched part. */
export type { Range } from './ranges.js';
