import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SANDBOX_ID, SavedConnections } from '../../../electron/engine/connection/saved';
import { Settings } from '../../../electron/engine/store/settings';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mwi-saved-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('SavedConnections', () => {
  it('a new install starts on the sandbox with nothing saved', () => {
    const saved = new SavedConnections(new Settings(dir), () => {});
    expect([saved.active, saved.list()]).toEqual([SANDBOX_ID, []]);
  });

  it('one entry per name: connecting again under the same name replaces its URL, another name adds one', () => {
    const saved = new SavedConnections(new Settings(dir), () => {});
    const a = saved.upsert('https://api.maximizer.com/webhooks', undefined);
    expect(a.label).toBe('api.maximizer.com');
    saved.setTarget(a.id, '6f1c2d3e-0000-4000-8000-000000000001');
    const again = saved.upsert('https://api.maximizer.com/webhooks', 'API.maximizer.com');
    expect(again.id).toBe(a.id);
    expect(again.targetId).toBe('6f1c2d3e-0000-4000-8000-000000000001');
    // Same host, another CRM database: a second entry, told apart by its name.
    const b = saved.upsert('https://api.maximizer.com/webhooks', 'Staging CRM');
    expect(b.id).not.toBe(a.id);
    // A new URL under an old name forgets the old target id (it belongs to the other server).
    expect(saved.upsert('https://api-dev.maximizer.com/webhooks', 'Staging CRM').targetId).toBeNull();
    expect(saved.list()).toHaveLength(2);
  });

  it('survives a restart, and forgetting the active one falls back to the sandbox', () => {
    const first = new SavedConnections(new Settings(dir), () => {});
    const a = first.upsert('https://api.maximizer.com/webhooks', 'Prod');
    first.setActive(a.id);
    const second = new SavedConnections(new Settings(dir), () => {});
    expect(second.active).toBe(a.id);
    expect(second.remove(a.id)).toBe(true);
    expect(second.active).toBe(SANDBOX_ID);
    expect(second.remove(a.id)).toBe(false);
  });

  it("migrates the first version's single base URL, moving its token", () => {
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ connection: { baseUrl: 'https://api.maximizer.com/webhooks' } }));
    const moved: string[] = [];
    const saved = new SavedConnections(new Settings(dir), (id) => moved.push(id));
    expect(saved.list()).toEqual([expect.objectContaining({ label: 'api.maximizer.com', baseUrl: 'https://api.maximizer.com/webhooks' })]);
    expect(saved.active).toBe(saved.list()[0]!.id);
    expect(moved).toEqual([saved.list()[0]!.id]);
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')).connection).not.toHaveProperty('baseUrl');
  });
});
