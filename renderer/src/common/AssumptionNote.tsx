/**
 * A small note beside an answer the sandbox guessed (its X-Sandbox-Assumption header, or an unstated
 * filter rule): the live Maximizer API may behave differently, so it should not be hard-coded.
 */
export function AssumptionNote({ point }: { point: string }) {
  return (
    <span
      className="assumption-note"
      data-testid="sandbox-assumption"
      title={`${point}. The guide and the OpenAPI document do not settle this; Maximizer may behave differently.`}
    >
      sandbox assumption: {point}
    </span>
  );
}
