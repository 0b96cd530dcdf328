/**
 * Answers the conformance suite accepts although Pleo's files do not declare their status for
 * the operation. Each has a reason, and docs/simulator.md ("Where it differs from Pleo") names
 * it with the `docs` phrase, which a test checks. The body must still be Pleo's ExceptionInfo
 * `{ type, message }` with the JSON content type.
 */
export interface StatusExemption {
  status: number;
  reason: string;
  /** A phrase that docs/simulator.md must contain. */
  docs: string;
}

export const UNDECLARED_STATUS_EXEMPTIONS: readonly StatusExemption[] = [
  {
    status: 400,
    reason: 'Pleo declares 400 on a few operations only; any API answers a malformed parameter or body with 400.',
    docs: 'Undeclared 400',
  },
  { status: 401, reason: "Pleo's files declare no 401 answers; every call without a valid token gets one.", docs: '401 and 403 bodies' },
  {
    status: 403,
    reason: "Pleo's files declare no 403 answers; a token without the scope or the company gets one.",
    docs: '401 and 403 bodies',
  },
  {
    status: 404,
    reason: 'Not every operation with an id in its path declares 404; an unknown id gets one anyway.',
    docs: 'Undeclared 404',
  },
  { status: 405, reason: 'A method an endpoint does not have; Pleo documents nothing for it.', docs: 'Undeclared 405, 409, 413 and 415' },
  {
    status: 409,
    reason: 'Creating a tag group or tag whose code exists; the Tags API declares no conflict answer.',
    docs: 'Undeclared 405, 409, 413 and 415',
  },
  { status: 413, reason: "A body larger than the simulator's limit.", docs: 'Undeclared 405, 409, 413 and 415' },
  { status: 415, reason: 'A body that is not application/json.', docs: 'Undeclared 405, 409, 413 and 415' },
];
