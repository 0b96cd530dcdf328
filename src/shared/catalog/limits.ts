/** Size caps shared by the explorer's contract (validated in main) and its UI (checked before sending). */

/** Largest JSON body the renderer may send (well under the IPC payload cap). */
export const MAX_REQUEST_BODY_CHARS = 1_000_000;
/** Largest OpenAPI file the renderer may hand over for import. */
export const MAX_OPENAPI_CHARS = 1_500_000;
