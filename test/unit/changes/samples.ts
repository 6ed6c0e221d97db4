import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseBody, type ParsedEvent } from '@shared/envelope';

/** Official Maximizer samples, read in place from ../shared/maximizer (never copied into the repo). */
const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
export const referenceFile = (name: string): string => resolve(repoRoot, '../shared/maximizer', name);

export interface Sample {
  /** `Leads/Lead Update (request)`, `Leads/Lead Update (example Version 0.8)`, `guide[0]`. */
  name: string;
  /** The Postman item name, or `guide`. */
  item: string;
  kind: 'request' | 'example' | 'guide';
  event: ParsedEvent;
}

interface PostmanBody {
  raw?: string;
}
interface PostmanResponse {
  name?: string;
  body?: string | null;
  originalRequest?: { body?: PostmanBody };
}
interface PostmanItem {
  name: string;
  item?: PostmanItem[];
  request?: { body?: PostmanBody };
  response?: PostmanResponse[];
}

function eventsOf(text: string, where: string): ParsedEvent[] {
  const parsed = parseBody(text);
  if (parsed.parseError) throw new Error(`${where}: ${parsed.parseError}`);
  return parsed.events;
}

export function postmanSamples(): Sample[] {
  const collection = JSON.parse(readFileSync(referenceFile('webhooks-payloads.postman_collection.json'), 'utf8')) as { item: PostmanItem[] };
  const samples: Sample[] = [];
  const walk = (items: PostmanItem[], folder: string): void => {
    for (const item of items) {
      if (item.item) {
        walk(item.item, item.name);
        continue;
      }
      const base = `${folder}/${item.name}`;
      const raw = item.request?.body?.raw;
      if (raw) for (const event of eventsOf(raw, base)) samples.push({ name: `${base} (request)`, item: item.name, kind: 'request', event });
      for (const response of item.response ?? []) {
        // Saved examples keep the webhook in the example's request body; a response body, when present, is also JSON.
        const bodies = [response.originalRequest?.body?.raw, response.body].filter((b): b is string => typeof b === 'string' && b.trim() !== '');
        for (const body of bodies)
          for (const event of eventsOf(body, `${base} example ${response.name}`))
            samples.push({ name: `${base} (example ${response.name ?? '?'})`, item: item.name, kind: 'example', event });
      }
    }
  };
  walk(collection.item, 'root');
  return samples;
}

/** The JSON array under "Webhook's payload" in the developer guide. */
export function guideSamples(): Sample[] {
  const text = readFileSync(referenceFile('webhooks-guide.txt'), 'utf8');
  const from = text.indexOf("Webhook's payload");
  const start = text.indexOf('\n[', from);
  const end = text.indexOf('\n]', start);
  if (from < 0 || start < 0 || end < 0) throw new Error('guide example array not found');
  return eventsOf(text.slice(start + 1, end + 2), 'guide').map((event, i) => ({ name: `guide[${i}]`, item: 'guide', kind: 'guide', event }));
}

export const allSamples = (): Sample[] => [...postmanSamples(), ...guideSamples()];

export function samplesOf(item: string, kind?: Sample['kind']): Sample[] {
  const found = allSamples().filter((s) => s.item === item && (!kind || s.kind === kind));
  if (found.length === 0) throw new Error(`no sample named ${item}`);
  return found;
}
