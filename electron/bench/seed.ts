import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeKey } from '@shared/keys';
import { seededRandom } from '@shared/random';
import { openStore } from '../engine/store';
import { learnShapes } from '../engine/shapes/learner';
import { SCHEMA_VERSION } from '../engine/store/migrations';

const FIRST = ['Ada', 'Grace', 'Alan', 'Edsger', 'Barbara', 'Donald', 'Margaret', 'Linus', 'Ken', 'Radia', 'Tim', 'Frances'];
const LAST = ['Lovelace', 'Hopper', 'Turing', 'Dijkstra', 'Liskov', 'Knuth', 'Hamilton', 'Torvalds', 'Thompson', 'Perlman', 'Berners-Lee', 'Allen'];
const CITY = ['Vancouver', 'Toronto', 'London', 'Calgary', 'Montreal', 'Seattle', 'Ottawa', 'Halifax'];
const STAGES = ['Qualified', 'Presentation', 'Proposal', 'Negotiation', 'Budget Agreement', 'Closed Won'];

/** One realistic webhook body (~0.5–1 KB), in the shapes of the official samples. */
export function benchEvent(i: number, random: () => number): string {
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
  const id = `${String(230000 + (i % 99999)).padStart(6, '0')}${String(i).padStart(15, '0')}`;
  const base = {
    Id: `bench-${i}`,
    Timestamp: new Date(1_700_000_000_000 + i * 1000).toISOString(),
    WorkspaceId: '108F314C-6787-4EE6-BE49-C0E0C651F039',
    Recipients: [],
    Options: null,
  };
  const kind = i % 4;
  if (kind === 0 || kind === 1) {
    const key = encodeKey('Lead', `${id}LE`);
    const record = {
      Key: key,
      FirstName: pick(FIRST),
      LastName: pick(LAST),
      CompanyName: `${pick(LAST)} ${pick(['Ltd', 'Inc', 'Group', 'Labs'])}`,
      Email: `${pick(FIRST).toLowerCase()}@example.com`,
      Address: { City: pick(CITY), Country: 'Canada' },
      Phone1: { Number: `604-555-${String(i % 10000).padStart(4, '0')}` },
    };
    const op = kind === 0 ? 'create' : 'update';
    return JSON.stringify([
      {
        ...base,
        Entity: 'Lead',
        Data: {
          Op: op,
          Original: op === 'create' ? null : record,
          New: op === 'create' ? record : { Key: key, Address: { City: pick(CITY) } },
          Version: '0.8',
        },
      },
    ]);
  }
  if (kind === 2) {
    const key = encodeKey('Opportunity', `${id}O`);
    const from = pick(STAGES);
    const to = pick(STAGES);
    return JSON.stringify([
      {
        ...base,
        Entity: 'Opportunity',
        Data: {
          Op: 'update',
          Original: {
            Key: key,
            SalesStageSetupName: from,
            Objective: `${pick(['Renewal', 'Upgrade', 'Pilot'])} for ${pick(LAST)}`,
            Revenue: Math.round(random() * 50_000),
          },
          New: { Key: key, SalesStageSetupName: to },
          Version: '1.1',
        },
      },
    ]);
  }
  return JSON.stringify([
    {
      ...base,
      Entity: 'Export',
      Data: { Op: 'read', Original: { entityType: 1 + (i % 2), userKey: 'VXNlcglNQVNURVI=', rows: Math.floor(random() * 500) }, New: null, Version: '1.0' },
    },
  ]);
}

/**
 * A data folder holding `count` stored events, made once and reused by later bench
 * runs (keyed by count and schema version): seeding 1M events takes minutes.
 */
export function seededDataDir(count: number, log: (line: string) => void): string {
  const dir = join(tmpdir(), `mwi-bench-seed-${count}-v${SCHEMA_VERSION}`);
  if (existsSync(join(dir, 'inspector.db'))) {
    log(`  (reusing seeded data: ${dir})`);
    return dir;
  }
  const building = `${dir}.building`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { recursive: true });
  const store = openStore(join(building, 'inspector.db'), { synchronous: 'NORMAL' });
  learnShapes(store);
  const random = seededRandom(42);
  const started = performance.now();
  const batch = 5000;
  for (let i = 0; i < count; i += batch) {
    const now = Date.now();
    store.requests.insert(
      Array.from({ length: Math.min(batch, count - i) }, (_, j) => ({
        receivedAt: now,
        method: 'POST',
        path: '/hooks',
        query: '',
        headers: [['Content-Type', 'application/json']],
        body: Buffer.from(benchEvent(i + j, random)),
        bodyEncoded: null,
        contentEncoding: null,
        remote: '127.0.0.1',
      })),
      now,
    );
    while (store.events.indexPending(1000, 10_000).length) {
      // drain
    }
    if ((i / batch) % 40 === 0) log(`  seeding ${i.toLocaleString()} / ${count.toLocaleString()} …`);
  }
  store.checkpoint();
  store.close();
  renameSync(building, dir);
  log(`  seeded ${count.toLocaleString()} events in ${((performance.now() - started) / 1000).toFixed(0)} s: ${dir}`);
  return dir;
}
