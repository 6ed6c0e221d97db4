import { useMemo } from 'react';
import type { EventDetail } from '@shared/contract';
import { JsonView } from '../code/lazy';
import { isJsonText, prettyJson } from './body';
import { useSearchHighlight } from './useSearchHighlight';

/** The event's own JSON (one element of an array body), re-indented without touching any value. */
export function EventTab({ detail }: { detail: EventDetail }) {
  const text = useMemo(() => prettyJson(detail.payload), [detail.payload]);
  const highlight = useSearchHighlight();
  return <JsonView text={text} language={isJsonText(detail.payload) ? 'json' : 'text'} highlight={highlight} label="Event JSON" testId="event-json" />;
}
