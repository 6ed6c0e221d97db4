import { rawJsonNumber } from '@shared/json-source';
import type { SandboxEvent } from './events';

/**
 * The two delivery shapes seen in Maximizer's documents (CONTRACT §5):
 * - `guide`: a JSON array of events, PascalCase, with SourceId (the developer guide's example). Default.
 * - `postman`: one object, lowercase keys and camelCase `processedTimestamp` (every Postman sample).
 * Record fields inside Original/New keep their own spelling in both.
 */
export const PAYLOAD_STYLES = ['guide', 'postman'] as const;
export type PayloadStyle = (typeof PAYLOAD_STYLES)[number];

/** The body one subscription receives for one event: its Recipients are copied in (CONTRACT §4). */
export function renderPayload(event: SandboxEvent, recipients: readonly string[], style: PayloadStyle): string {
  if (style === 'postman') {
    const data: Record<string, unknown> = { op: event.Op };
    // The samples leave a section out rather than sending null.
    if (event.Original !== null) data.original = event.Original;
    if (event.New !== null) data.new = event.New;
    data.version = version(event);
    return JSON.stringify({
      id: event.Id,
      timestamp: event.Timestamp,
      workspaceid: event.WorkspaceId,
      recipients: recipients,
      options: null,
      processedTimestamp: event.ProcessedTimestamp,
      entity: event.Entity,
      data,
    });
  }
  return JSON.stringify([
    {
      Id: event.Id,
      Timestamp: event.Timestamp,
      ProcessedTimestamp: event.ProcessedTimestamp,
      WorkspaceId: event.WorkspaceId,
      SourceId: event.SourceId,
      Recipients: recipients,
      Options: null,
      Entity: event.Entity,
      Data: { Op: event.Op, Original: event.Original, New: event.New, Version: version(event) },
    },
  ]);
}

/** A numeric Version goes out as spelled when it was emitted (`1.10`, not `1.1`). */
const version = (event: SandboxEvent): unknown =>
  typeof event.Version === 'number' && event.VersionSpelling ? rawJsonNumber(event.VersionSpelling) : event.Version;
