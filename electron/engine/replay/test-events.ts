import { randomUUID } from 'node:crypto';
import { ApiError } from '@shared/contract';
import { getCaseless } from '@shared/caseless';
import { SAMPLE_KINDS, buildSample, type SampleKind } from '@shared/samples';
import { findSampleKind, SAMPLE_SHAPES } from '@shared/samples/select';
import { buildEvent, type EmitInput } from '../sandbox/events';
import { ActivityGenerator, generatedKindFor } from '../sandbox/generator';
import { renderPayload, type PayloadStyle } from '../sandbox/payload';
import { DEFAULT_WORKSPACE_ID } from '../sandbox/index';
import { freshSeed, seededRandom, uuidFrom, type Random } from '../sandbox/random';

export interface TestEvent {
  /** The sample kind, or `sandbox:<Entity>.<Op>`. */
  kind: string;
  body: string;
  webhookIds: string[];
  /** For forward-rule matching of direct sends. */
  events: { entity: string; op: string; original: unknown; new: unknown }[];
}

export interface TestEventRequest {
  kind?: SampleKind;
  entity?: string;
  op?: string;
  shape?: string;
  source: 'sample' | 'sandbox';
  style: PayloadStyle;
}

/** Entity/Op/Original/New of each event in a body the app built itself (either envelope spelling). */
function eventsOf(body: string): TestEvent['events'] {
  const value = JSON.parse(body) as unknown;
  const items = Array.isArray(value) ? value : [value];
  return items.map((item) => {
    const data = getCaseless(item, 'data');
    return {
      entity: String(getCaseless(item, 'entity')),
      op: String(getCaseless(data, 'op')),
      original: getCaseless(data, 'original') ?? null,
      new: getCaseless(data, 'new') ?? null,
    };
  });
}

/**
 * Test webhooks: the project's own sample set (shared/samples, checked against Maximizer's
 * official samples in tests), or the sandbox's CRM generator, which can produce any Entity/Op
 * and keeps its records consistent across calls (an update names a record it created).
 */
export class TestEvents {
  private readonly random: Random;
  private generator: ActivityGenerator | undefined;

  constructor(
    private readonly now: () => number,
    seed: number = freshSeed(),
  ) {
    this.random = seededRandom(seed);
  }

  build(request: TestEventRequest): TestEvent {
    if (request.source === 'sample') {
      const kind = request.kind ?? findSampleKind(request.entity ?? '', request.op ?? '', request.shape);
      if (!kind) {
        const known = SAMPLE_KINDS.map(
          (k) => `${SAMPLE_SHAPES[k].entity}/${SAMPLE_SHAPES[k].op}${SAMPLE_SHAPES[k].shape === 'record' ? '' : ` (${SAMPLE_SHAPES[k].shape})`}`,
        );
        throw new ApiError(
          'bad_request',
          `No built-in sample for ${request.entity}/${request.op}${request.shape ? ` (${request.shape})` : ''}. Samples: ${[...new Set(known)].join(', ')}; or use source "sandbox" for any Entity/Op.`,
        );
      }
      const sample = buildSample(kind, { newId: randomUUID, now: this.now() });
      return { kind, body: sample.body, webhookIds: sample.webhookIds, events: eventsOf(sample.body) };
    }
    const [entity, op] = request.kind ? request.kind.split('.') : [request.entity ?? '', request.op ?? ''];
    const kindShape = request.kind ? SAMPLE_SHAPES[request.kind] : undefined;
    const shape = request.shape ?? (kindShape && kindShape.shape !== 'record' ? kindShape.shape : undefined);
    const entityName = kindShape?.entity ?? entity!;
    const opName = kindShape?.op ?? op!;
    const known = generatedKindFor(entityName, opName, shape);
    this.generator ??= new ActivityGenerator({ random: this.random, now: this.now });
    const input: EmitInput = known ? this.generator.next(known) : { Entity: entityName, Op: opName };
    const event = buildEvent(input, { now: this.now, random: this.random, workspaceId: DEFAULT_WORKSPACE_ID, sourceId: uuidFrom(this.random) });
    const body = renderPayload(event, [], request.style);
    return { kind: `sandbox:${event.Entity}.${event.Op}`, body, webhookIds: [event.Id], events: eventsOf(body) };
  }
}
