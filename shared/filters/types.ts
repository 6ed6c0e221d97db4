/** A JSON scalar a filter may compare against. CONTRACT §3: string, bool, int, float. */
export type FilterScalar = string | number | boolean;

export const EQUALITY_OPS = ['$EQ', '$NE'] as const;
export const ORDER_OPS = ['$GT', '$GE', '$LT', '$LE'] as const;
export const LIST_OPS = ['$IN', '$NIN'] as const;
export const LIKE_OPS = ['$LIKE', '$NLIKE'] as const;
export const VALUE_OPS = [...EQUALITY_OPS, ...ORDER_OPS, ...LIST_OPS, ...LIKE_OPS] as const;
/** `$HASFIELD` is the April-2025 name of `$EXISTS`; it parses to `$EXISTS` (CONTRACT §3). */
export const FIELD_OPS = ['$EXISTS', '$NEXISTS', '$HASFIELD'] as const;

export type EqualityOp = (typeof EQUALITY_OPS)[number];
export type OrderOp = (typeof ORDER_OPS)[number];
export type ListOp = (typeof LIST_OPS)[number];
export type LikeOp = (typeof LIKE_OPS)[number];
export type ValueOp = (typeof VALUE_OPS)[number];

/** One parsed filter string. `index` is its position in the subscription's Filter array. */
export type Condition = { index: number; source: string } & (
  | { kind: 'value'; field: string; op: EqualityOp; value: FilterScalar }
  | { kind: 'value'; field: string; op: OrderOp; value: number | string }
  | { kind: 'value'; field: string; op: ListOp; value: FilterScalar[] }
  | { kind: 'value'; field: string; op: LikeOp; value: string }
  | { kind: 'field'; field: string; op: '$EXISTS' | '$NEXISTS'; /** as written, e.g. `$HASFIELD` */ written: string }
);

/** A parsed subscription filter: every condition must match (AND). No conditions = matches everything. */
export interface Filter {
  conditions: Condition[];
}

export interface FilterError {
  /** Position of the bad string in the Filter array; null when the Filter itself is not an array. */
  index: number | null;
  message: string;
}

export type ParseFilterResult = { ok: true; filter: Filter } | { ok: false; errors: FilterError[] };

/** The parts of a webhook event a filter looks at. Sections may be null or absent (create has no Original). */
export interface FilterEvent {
  entity?: string | null;
  op?: string | null;
  original?: unknown;
  new?: unknown;
}

export interface ConditionResult {
  index: number;
  source: string;
  matched: boolean;
  /** Why it did not match, in the user's terms (e.g. `Revenue is absent from New and Original`). */
  reason?: string;
}
