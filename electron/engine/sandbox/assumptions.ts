/**
 * The sandbox's answers that neither the guide nor the OpenAPI document settles (CONTRACT.md marks them
 * [ASSUME] or [OPEN]). Each such answer carries `X-Sandbox-Assumption: <CONTRACT.md point>`, so a developer
 * testing against the sandbox can tell a guess from Maximizer's documented behaviour and does not hard-code
 * it; docs/sandbox.md lists them in one table (test/unit/sandbox/assumptions.test.ts keeps the two in step).
 */
export const ASSUMPTION_HEADER = 'x-sandbox-assumption';

export const SANDBOX_ASSUMPTIONS = {
  /** 401 vs 403 is the contract's reading of "every endpoint declares 401 and 403". */
  auth: 'CONTRACT.md section 1: Admin rule [ASSUME]',
  targetLimit: 'CONTRACT.md section 2: Target limit [OPEN]',
  targetName: 'CONTRACT.md section 2: Target name [ASSUME]',
  duplicateSubscription: 'CONTRACT.md section 2: Uniqueness [ASSUME]',
  unknownTarget: 'CONTRACT.md section 2: Unknown TargetId [ASSUME]',
  absentRecipient: 'CONTRACT.md section 2: Recipients [ASSUME]',
  cascade: 'CONTRACT.md section 2: Deleting a target that still has subscriptions [OPEN]',
  /** PATCH enable/disable declares no 400, so a malformed id there gets the 404 it does declare. */
  malformedIdPatch: 'CONTRACT.md section 2: path ids are UUIDs (PATCH declares no 400) [ASSUME]',
  entityOp: 'CONTRACT.md section 5: Values: Entity and Op as the guide and samples spell them [OPEN]',
  badFilter: 'CONTRACT.md section 3: Bad filters [ASSUME]',
  mediaType: 'CONTRACT.md section 2: request media types (415 is not declared) [ASSUME]',
  method: 'CONTRACT.md section 2: endpoints table (405 is not declared) [ASSUME]',
  bodySize: 'CONTRACT.md section 2: (no body size limit is documented; 413) [ASSUME]',
} as const;

export type Assumption = keyof typeof SANDBOX_ASSUMPTIONS;

export const assumptionHeader = (assumption: Assumption): Record<string, string> => ({ [ASSUMPTION_HEADER]: SANDBOX_ASSUMPTIONS[assumption] });

/** The entities the guide, the OpenAPI example and the Postman samples name (CONTRACT §5). */
export { MAXIMIZER_ENTITIES as KNOWN_ENTITIES } from '@shared/entities';

/** The operations the guide names (create, update, delete, read: "Populated for operations: …"). */
export const KNOWN_OPS = ['create', 'update', 'delete', 'read'] as const;
