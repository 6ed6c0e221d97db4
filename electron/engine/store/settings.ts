import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { z } from 'zod';

/**
 * Small JSON settings in the data dir, one section per service. Each section is
 * validated with its owner's zod schema on read, so a hand-edited or older file
 * falls back to defaults instead of crashing the engine.
 */
export class Settings {
  private data: Record<string, unknown> = {};
  readonly file: string;

  constructor(dataDir: string, fileName = 'settings.json') {
    this.file = join(dataDir, fileName);
    try {
      const parsed: unknown = JSON.parse(readFileSync(this.file, 'utf8'));
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) this.data = parsed as Record<string, unknown>;
    } catch {
      // first run, or unreadable: start empty
    }
  }

  get<S extends z.ZodType>(section: string, schema: S): z.output<S> {
    const result = schema.safeParse(this.data[section] ?? {});
    if (result.success) return result.data;
    return schema.parse({});
  }

  set<S extends z.ZodType>(section: string, schema: S, value: z.input<S>): z.output<S> {
    const parsed = schema.parse(value);
    this.data[section] = parsed;
    this.write();
    return parsed;
  }

  private write(): void {
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp`;
    // Written with owner-only permissions: sections may hold encrypted tokens.
    writeFileSync(tmp, JSON.stringify(this.data, null, 2), { mode: 0o600 });
    renameSync(tmp, this.file);
  }
}
