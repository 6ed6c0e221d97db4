import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Settings } from '../store/settings';

export const SANDBOX_ID = 'sandbox';

const entry = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,64}$/),
  label: z.string().min(1),
  baseUrl: z.string(),
  /** The app's own target there, so a renamed one is still found. */
  targetId: z.string().nullable().default(null),
  /** The token kind the user said when connecting (absent: read from the token each time). */
  tokenKind: z.enum(['pat', 'octopus', 'ferret', 'oauth', 'unknown']).optional(),
});
export type SavedEntry = z.infer<typeof entry>;

const section = z.object({
  /** The active connection: a saved id, 'sandbox', or null (disconnected on purpose). */
  active: z.string().nullable().default(SANDBOX_ID),
  saved: z.array(entry).default([]),
  /** The first version kept one base URL here (null = sandbox); migrated on start. */
  baseUrl: z.string().nullable().optional(),
});
type Section = z.output<typeof section>;

/**
 * Saved Maximizer connections (label + base URL; tokens live in the TokenStore) and which one is
 * active. The built-in sandbox is not stored: it is always available, under the id 'sandbox'.
 */
export class SavedConnections {
  private data: Section;

  constructor(
    private readonly settings: Settings,
    /** Moves the first version's single token to a saved connection. */
    migrateToken: (id: string) => void,
  ) {
    this.data = settings.get('connection', section);
    if (this.data.baseUrl !== undefined) {
      const legacy = this.data.baseUrl;
      this.data = { active: SANDBOX_ID, saved: this.data.saved };
      if (legacy) {
        const id = newId();
        this.data.saved.push({ id, label: hostOf(legacy), baseUrl: legacy, targetId: null });
        this.data.active = id;
        migrateToken(id);
      }
      this.write();
    }
  }

  get active(): string | null {
    return this.data.active;
  }

  list(): SavedEntry[] {
    return this.data.saved.map((e) => ({ ...e }));
  }

  get(id: string): SavedEntry | undefined {
    return this.data.saved.find((e) => e.id === id);
  }

  /** The entry a connect with this label (default: the host) updates, or a new one. */
  upsert(baseUrl: string, label: string | undefined, tokenKind?: SavedEntry['tokenKind']): SavedEntry {
    const name = label?.trim() || hostOf(baseUrl);
    const existing = this.data.saved.find((e) => e.label.toLowerCase() === name.toLowerCase());
    if (existing) {
      if (existing.baseUrl !== baseUrl) existing.targetId = null;
      existing.baseUrl = baseUrl;
      existing.label = name;
      if (tokenKind) existing.tokenKind = tokenKind;
      else delete existing.tokenKind;
      this.write();
      return { ...existing };
    }
    const created: SavedEntry = { id: newId(), label: name, baseUrl, targetId: null, ...(tokenKind && { tokenKind }) };
    this.data.saved.push(created);
    this.write();
    return { ...created };
  }

  setTarget(id: string, targetId: string | null): void {
    const e = this.get(id);
    if (!e || e.targetId === targetId) return;
    e.targetId = targetId;
    this.write();
  }

  setActive(id: string | null): void {
    if (this.data.active === id) return;
    this.data.active = id;
    this.write();
  }

  remove(id: string): boolean {
    const before = this.data.saved.length;
    this.data.saved = this.data.saved.filter((e) => e.id !== id);
    if (this.data.saved.length === before) return false;
    if (this.data.active === id) this.data.active = SANDBOX_ID;
    this.write();
    return true;
  }

  private write(): void {
    this.data = this.settings.set('connection', section, { active: this.data.active, saved: this.data.saved });
  }
}

const newId = () => randomBytes(6).toString('hex');

export function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).host;
  } catch {
    return baseUrl;
  }
}
