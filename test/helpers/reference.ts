import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** Maximizer's own reference files, read in place beside the checkout (never copied into it). */
export const referenceDir = resolve(import.meta.dirname, '../../../shared/maximizer');
export const referencePath = (file: string) => resolve(referenceDir, file);

export interface OfficialSample {
  /** "Folder / Item" or "Folder / Item / Example". */
  name: string;
  raw: string;
}

interface PostmanItem {
  name: string;
  item?: PostmanItem[];
  request?: { body?: { raw?: string } };
  response?: { name: string; originalRequest?: { body?: { raw?: string } } }[];
}

/** Every webhook body in the official Postman collection: each request and each saved example. */
export function officialSamples(): OfficialSample[] {
  const collection = JSON.parse(readFileSync(referencePath('webhooks-payloads.postman_collection.json'), 'utf8')) as {
    item: PostmanItem[];
  };
  const out: OfficialSample[] = [];
  const seen = new Set<string>();
  const add = (name: string, raw: string | undefined) => {
    if (!raw?.trim() || seen.has(raw)) return;
    seen.add(raw);
    out.push({ name, raw });
  };
  const walk = (items: PostmanItem[], path: string[]) => {
    for (const item of items) {
      const here = [...path, item.name];
      if (item.item) walk(item.item, here);
      add(here.join(' / '), item.request?.body?.raw);
      for (const example of item.response ?? []) add([...here, example.name].join(' / '), example.originalRequest?.body?.raw);
    }
  };
  walk(collection.item, []);
  return out;
}

/** The JSON array example in the official webhooks guide. */
export function guideExample(): string {
  const text = readFileSync(referencePath('webhooks-guide.txt'), 'utf8');
  const start = text.indexOf('[\n    {');
  const end = text.indexOf('\n]', start);
  if (start < 0 || end < 0) throw new Error('guide example not found in webhooks-guide.txt');
  return text.slice(start, end + 2);
}
