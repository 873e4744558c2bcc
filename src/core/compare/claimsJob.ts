/** A claims map as a shared job that also tells the unfinished maps claimsMapSteps publishes (see partialJob.ts). */
import { PartialJob } from '../partialJob.js';
import type { PartialClaimsMap } from './claims.js';
import type { ClaimsMap } from './types.js';

export class ClaimsJob extends PartialJob<ClaimsMap, PartialClaimsMap> {}
