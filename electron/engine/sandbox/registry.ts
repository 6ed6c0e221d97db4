import { parseFilter, type Filter } from '@shared/filters';
import { HttpError } from './http';
import { assumptionHeader, KNOWN_ENTITIES, KNOWN_OPS, type Assumption } from './assumptions';
import type { SubscriptionRequest, TargetRequest } from '../maximizer/schemas';

/**
 * The emulated instance's targets and subscriptions, with the Webhooks API's rules (CONTRACT §2).
 * Each rule failure is the sandbox's one HTTP problem (HttpError) with the status the API answers,
 * and per-property `Errors` as ASP.NET reports them.
 */
const ruleError = (status: 400 | 404 | 409, message: string, errors?: Record<string, string[]>, assumption?: Assumption) =>
  new HttpError(status, message, errors ? { Errors: errors } : {}, assumption ? assumptionHeader(assumption) : {});

export interface Header {
  Key: string;
  Value: string | null;
}

/** TargetResponseDto, in the document's property order. */
export interface TargetDto {
  TargetId: string;
  Name: string | null;
  Enabled: boolean;
  Endpoint: { Url: string; Headers: Header[] | null };
}

/** SubscriptionResponseDto, in the document's property order. */
export interface SubscriptionDto {
  SubscriptionId: string;
  Entity: string;
  Op: string;
  TargetId: string;
  Recipients: string[] | null;
  Filter: unknown[] | null;
}

export interface Subscription extends SubscriptionDto {
  /** The parsed Filter, validated when the subscription was written. */
  filter: Filter;
}

export interface RegistryOptions {
  newId: () => string;
  /** 10 on Maximizer (CONTRACT §2 [DOC]). */
  targetLimit: number;
  /** The status for one target too many: undocumented; 409 by default, 400 configurable. */
  targetLimitStatus: 400 | 409;
  /** Accept any Entity and Op (the live API's behaviour is open); off: only the guide's list. */
  anyEntityOp?: boolean;
}

const same = (a: string | null, b: string | null): boolean => a !== null && b !== null && a.toLowerCase() === b.toLowerCase();
const sameId = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

export class Registry {
  private readonly targets: TargetDto[] = [];
  private readonly subscriptions: Subscription[] = [];

  constructor(private readonly options: RegistryOptions) {}

  listTargets(name?: string): TargetDto[] {
    return this.targets.filter((t) => name === undefined || same(t.Name, name)).map((t) => structuredClone(t));
  }

  findTarget(targetId: string): TargetDto | undefined {
    return this.targets.find((t) => sameId(t.TargetId, targetId));
  }

  private target(targetId: string): TargetDto {
    const target = this.findTarget(targetId);
    if (!target) throw ruleError(404, `No target with TargetId ${targetId}.`);
    return target;
  }

  private checkName(name: string | null, except?: TargetDto): void {
    const clash = this.targets.find((t) => t !== except && same(t.Name, name));
    if (clash) throw ruleError(409, `A target named "${clash.Name}" already exists (names are unique, ignoring case).`, undefined, 'targetName');
  }

  createTarget(body: TargetRequest): TargetDto {
    if (this.targets.length >= this.options.targetLimit)
      throw ruleError(
        this.options.targetLimitStatus,
        `This instance already has ${this.targets.length} targets, the most allowed (${this.options.targetLimit}).`,
        undefined,
        'targetLimit',
      );
    const name = body.Name ?? null;
    this.checkName(name);
    const target: TargetDto = { TargetId: this.options.newId(), Name: name, Enabled: true, Endpoint: endpointOf(body) };
    this.targets.push(target);
    return structuredClone(target);
  }

  /** PUT replaces Name and Endpoint; the id and Enabled stay. */
  updateTarget(targetId: string, body: TargetRequest): TargetDto {
    const target = this.target(targetId);
    const name = body.Name ?? null;
    this.checkName(name, target);
    target.Name = name;
    target.Endpoint = endpointOf(body);
    return structuredClone(target);
  }

  /** Deleting a target deletes its subscriptions too (CONTRACT §2 [OPEN], emulator: cascade); returns how many went with it. */
  deleteTarget(targetId: string): number {
    const target = this.target(targetId);
    this.targets.splice(this.targets.indexOf(target), 1);
    let removed = 0;
    for (let i = this.subscriptions.length - 1; i >= 0; i--)
      if (sameId(this.subscriptions[i]!.TargetId, target.TargetId)) {
        this.subscriptions.splice(i, 1);
        removed++;
      }
    return removed;
  }

  setEnabled(targetId: string, enabled: boolean): void {
    this.target(targetId).Enabled = enabled;
  }

  listSubscriptions(query: { targetId?: string; entity?: string; op?: string } = {}): SubscriptionDto[] {
    return this.subscriptions
      .filter(
        (s) =>
          (query.targetId === undefined || sameId(s.TargetId, query.targetId)) &&
          (query.entity === undefined || same(s.Entity, query.entity)) &&
          (query.op === undefined || same(s.Op, query.op)),
      )
      .map(toSubscriptionDto);
  }

  /** Subscriptions with their parsed filters, for delivery. */
  allSubscriptions(): readonly Subscription[] {
    return this.subscriptions;
  }

  private subscription(subscriptionId: string): Subscription {
    const found = this.subscriptions.find((s) => sameId(s.SubscriptionId, subscriptionId));
    if (!found) throw ruleError(404, `No subscription with SubscriptionId ${subscriptionId}.`);
    return found;
  }

  private checkSubscription(body: SubscriptionRequest, except?: Subscription): { filter: Filter; targetId: string } {
    // POST declares no 404, so an unknown target is a bad request (CONTRACT §2 [ASSUME]).
    const target = this.findTarget(body.TargetId);
    if (!target) throw ruleError(400, `No target with TargetId ${body.TargetId}.`, { TargetId: ['no such target'] }, 'unknownTarget');
    if (!this.options.anyEntityOp) this.checkEntityOp(body);
    const clash = this.subscriptions.find((s) => s !== except && sameId(s.TargetId, target.TargetId) && same(s.Entity, body.Entity) && same(s.Op, body.Op));
    if (clash)
      throw ruleError(
        409,
        `Target ${target.TargetId} already has a subscription to ${clash.Entity}/${clash.Op} (${clash.SubscriptionId}); TargetId + Entity + Op must be unique.`,
        undefined,
        'duplicateSubscription',
      );
    const parsed = parseFilter(body.Filter);
    // The schema validated the filter already; this keeps the parsed form.
    if (!parsed.ok) throw ruleError(400, 'Filter is invalid.');
    return { filter: parsed.filter, targetId: target.TargetId };
  }

  /**
   * Entity and Op from the guide's list only, ignoring case, so a placeholder such as the OpenAPI example's
   * "AbEntry, Opportunity, etc" is refused rather than stored as an entity nothing will ever send.
   */
  private checkEntityOp(body: SubscriptionRequest): void {
    const errors: Record<string, string[]> = {};
    const known = (list: readonly string[], value: string) => list.some((k) => k.toLowerCase() === value.trim().toLowerCase());
    if (!known(KNOWN_ENTITIES, body.Entity)) errors.Entity = [`"${body.Entity}" is not a known entity; expected one of ${KNOWN_ENTITIES.join(', ')}`];
    if (!known(KNOWN_OPS, body.Op)) errors.Op = [`"${body.Op}" is not a known operation; expected one of ${KNOWN_OPS.join(', ')}`];
    const messages = Object.values(errors).flat();
    if (messages.length) throw ruleError(400, `${messages.join('. ')}.`, errors, 'entityOp');
  }

  createSubscription(body: SubscriptionRequest): SubscriptionDto {
    const { filter, targetId } = this.checkSubscription(body);
    const subscription: Subscription = {
      SubscriptionId: this.options.newId(),
      Entity: body.Entity,
      Op: body.Op,
      TargetId: targetId,
      Recipients: body.Recipients ?? null,
      Filter: body.Filter ?? null,
      filter,
    };
    this.subscriptions.push(subscription);
    return toSubscriptionDto(subscription);
  }

  updateSubscription(subscriptionId: string, body: SubscriptionRequest): SubscriptionDto {
    const subscription = this.subscription(subscriptionId);
    const { filter, targetId } = this.checkSubscription(body, subscription);
    Object.assign(subscription, {
      Entity: body.Entity,
      Op: body.Op,
      TargetId: targetId,
      Recipients: body.Recipients ?? null,
      Filter: body.Filter ?? null,
      filter,
    });
    return toSubscriptionDto(subscription);
  }

  deleteSubscription(subscriptionId: string): void {
    const subscription = this.subscription(subscriptionId);
    this.subscriptions.splice(this.subscriptions.indexOf(subscription), 1);
  }

  /** Adds a recipient; adding one already there changes nothing. */
  addRecipient(subscriptionId: string, recipient: string): void {
    const subscription = this.subscription(subscriptionId);
    const recipients = subscription.Recipients ?? [];
    if (!recipients.includes(recipient)) recipients.push(recipient);
    subscription.Recipients = recipients;
  }

  /** Removing a recipient that is not there is a 404 (CONTRACT §2 [ASSUME]). */
  removeRecipient(subscriptionId: string, recipient: string): void {
    const subscription = this.subscription(subscriptionId);
    const at = subscription.Recipients?.indexOf(recipient) ?? -1;
    if (at < 0) throw ruleError(404, `Subscription ${subscription.SubscriptionId} has no recipient "${recipient}".`, undefined, 'absentRecipient');
    subscription.Recipients!.splice(at, 1);
  }
}

function endpointOf(body: TargetRequest): TargetDto['Endpoint'] {
  const headers = body.Endpoint.Headers;
  return { Url: body.Endpoint.Url, Headers: headers ? headers.map((h) => ({ Key: h.Key, Value: h.Value ?? null })) : null };
}

function toSubscriptionDto(s: Subscription): SubscriptionDto {
  return structuredClone({ SubscriptionId: s.SubscriptionId, Entity: s.Entity, Op: s.Op, TargetId: s.TargetId, Recipients: s.Recipients, Filter: s.Filter });
}
