import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ApiError } from '@shared/contract';
import { forwardRule, type ForwardingSettings, type ForwardRule } from '@shared/contract/forwarding';
import { formatFilterErrors, matchesFilter, parseFilter, type Filter, type FilterEvent } from '@shared/filters';
import type { Settings } from '../store/settings';

/** The `forwarding` settings section: rules and delivery knobs, validated on every read. */
export const forwardingSection = z.object({
  rules: z.array(forwardRule).default([]),
  retryDelayMs: z.number().int().min(0).max(60_000).default(1_000),
  lateGraceMs: z.number().int().min(0).max(120_000).default(10_000),
  responseCapBytes: z
    .number()
    .int()
    .min(0)
    .max(1_048_576)
    .default(64 * 1024),
});
type Section = z.output<typeof forwardingSection>;

export function checkFilter(strings: string[]): Filter {
  const parsed = parseFilter(strings);
  if (!parsed.ok) throw new ApiError('bad_request', `Invalid filter:\n${formatFilterErrors(parsed.errors, strings)}`);
  return parsed.filter;
}

const sameName = (rule: string | null, value: string | null | undefined) =>
  rule === null || (typeof value === 'string' && rule.toLowerCase() === value.toLowerCase());

/** Forward rules persisted in settings, with their filters parsed once. */
export class Rules {
  private compiled = new Map<string, Filter>();

  constructor(
    private readonly settings: Settings,
    private readonly now: () => number,
    private readonly newId: () => string = randomUUID,
  ) {}

  private read(): Section {
    return this.settings.get('forwarding', forwardingSection);
  }

  private write(patch: Partial<Section>): Section {
    return this.settings.set('forwarding', forwardingSection, { ...this.read(), ...patch });
  }

  list(): ForwardRule[] {
    return this.read().rules;
  }

  enabled(): ForwardRule[] {
    return this.list().filter((r) => r.enabled);
  }

  delivery(): ForwardingSettings {
    const { retryDelayMs, lateGraceMs, responseCapBytes } = this.read();
    return { retryDelayMs, lateGraceMs, responseCapBytes };
  }

  setDelivery(patch: Partial<ForwardingSettings>): ForwardingSettings {
    this.write(patch);
    return this.delivery();
  }

  add(input: { url: string; entity?: string | null; op?: string | null; filter?: string[]; enabled: boolean }): ForwardRule {
    const filter = input.filter ?? [];
    checkFilter(filter);
    const rule: ForwardRule = {
      id: this.newId(),
      url: input.url,
      entity: input.entity ?? null,
      op: input.op ?? null,
      filter,
      enabled: input.enabled,
      createdAt: this.now(),
    };
    this.write({ rules: [...this.list(), rule] });
    return rule;
  }

  update(id: string, patch: { url?: string; entity?: string | null; op?: string | null; filter?: string[]; enabled?: boolean }): ForwardRule {
    const rules = this.list();
    const index = rules.findIndex((r) => r.id === id);
    if (index < 0) throw new ApiError('not_found', `No forward rule ${id}`);
    if (patch.filter) checkFilter(patch.filter);
    const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    const rule = { ...rules[index]!, ...defined } as ForwardRule;
    rules[index] = rule;
    this.compiled.delete(id);
    this.write({ rules });
    return rule;
  }

  remove(id: string): boolean {
    const rules = this.list();
    const kept = rules.filter((r) => r.id !== id);
    this.compiled.delete(id);
    if (kept.length === rules.length) return false;
    this.write({ rules: kept });
    return true;
  }

  /** Entity and Op compare ignoring case (null = any); then the Maximizer filter, if any. */
  matches(rule: ForwardRule, event: FilterEvent): boolean {
    if (!sameName(rule.entity, event.entity) || !sameName(rule.op, event.op)) return false;
    if (!rule.filter.length) return true;
    let filter = this.compiled.get(rule.id);
    if (!filter) {
      const parsed = parseFilter(rule.filter);
      // A hand-edited settings file with a bad filter forwards nothing rather than everything.
      if (!parsed.ok) return false;
      filter = parsed.filter;
      this.compiled.set(rule.id, filter);
    }
    return matchesFilter(filter, event);
  }

  /** Does the rule need Original/New to decide? */
  needsData(rule: ForwardRule): boolean {
    return rule.filter.length > 0;
  }
}
