/** create / update / delete / read, colour-coded; any other spelling shown as sent. */
export function OpBadge({ op }: { op: string | null }) {
  if (!op) return <span className="op op-none">—</span>;
  const known = ['create', 'update', 'delete', 'read'].includes(op.toLowerCase());
  return (
    <span className={`op ${known ? `op-${op.toLowerCase()}` : ''}`} title={`Data.Op = "${op}"`}>
      {op.toLowerCase()}
    </span>
  );
}
