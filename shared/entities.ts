/** The entities Maximizer's Webhooks API sends, spelled as its documentation spells them. */
export const MAXIMIZER_ENTITIES = ['Lead', 'Opportunity', 'AbEntry', 'Export'] as const;

const CANONICAL = new Map<string, string>(MAXIMIZER_ENTITIES.map((e) => [e.toLowerCase(), e]));

/**
 * One display name per entity whatever case it was sent in (`lead` and `Lead` both read
 * `Lead`), so case variants group together; unknown names keep their spelling, capitalised.
 */
export function entityName(raw: string): string {
  return CANONICAL.get(raw.toLowerCase()) ?? (raw ? raw[0]!.toUpperCase() + raw.slice(1) : raw);
}
