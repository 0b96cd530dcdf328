/** Pleo's documented rule: a job expires one hour after its last update (`lastUpdatedAt`). */
export const JOB_EXPIRY_MS = 60 * 60 * 1000;
/** Export items per page: the simulator's (and a reasonable) maximum is 1,000. */
export const DEFAULT_PAGE_SIZE = 1000;
