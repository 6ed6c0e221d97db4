/**
 * Compile-time check (run by `npx tsc --noEmit -p tsconfig.node.json`, not by vitest): the types
 * inferred from the zod schemas are assignable to and from the types openapi-typescript generated
 * from Maximizer's document, once the document's types get the same "required beyond the document"
 * properties as the schemas (see schemas.ts and schemas.test.ts). A mismatch is a type error here.
 */
import type { z } from 'zod';
import type * as S from '../../../electron/engine/maximizer/schemas';
import type { components, paths } from '../../../electron/engine/maximizer/openapi';

type Doc = components['schemas'];

/** True when each type is assignable to the other. */
type Mutual<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Extends<A, B> = [A] extends [B] ? true : false;
type Not<T extends boolean> = T extends true ? false : true;
type Assert<T extends true> = T;
/** The document's type with properties K required and non-null, as the client requires them. */
type Tighten<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };

// The document's types, as the client tightens them.
type HeaderRequest = Tighten<Doc['Header'], 'Key'>;
type EndpointRequest = Omit<Tighten<Doc['TargetWebHookEndpointDto'], 'Url'>, 'Headers'> & { Headers?: HeaderRequest[] | null };
type TargetRequest = Omit<Doc['TargetRequestDto'], 'Endpoint'> & { Endpoint: EndpointRequest };
type TargetResponse = Tighten<Doc['TargetResponseDto'], 'TargetId'>;
type SubscriptionRequest = Tighten<Doc['SubscriptionRequestDto'], 'Entity' | 'Op' | 'TargetId'>;
type SubscriptionResponse = Tighten<Doc['SubscriptionResponseDto'], 'SubscriptionId' | 'TargetId'>;
type Single<Item> = { Data: { Item: Item } };
type List<Item> = { Data: { Items?: Item[] | null } };

export type Checks = [
  // Same as the document.
  Assert<Mutual<S.Header, Doc['Header']>>,
  Assert<Mutual<S.ProblemDetails, Doc['ProblemDetails']>>,
  Assert<Mutual<S.TargetEndpoint, Doc['TargetWebHookEndpointDto']>>,

  // Same as the document once tightened.
  Assert<Mutual<S.HeaderRequest, HeaderRequest>>,
  Assert<Mutual<S.TargetEndpointRequest, EndpointRequest>>,
  Assert<Mutual<S.TargetRequest, TargetRequest>>,
  Assert<Mutual<S.TargetResponse, TargetResponse>>,
  Assert<Mutual<S.SubscriptionRequest, SubscriptionRequest>>,
  Assert<Mutual<S.SubscriptionResponse, SubscriptionResponse>>,
  Assert<Mutual<z.infer<typeof S.targetItem>, Single<TargetResponse>>>,
  Assert<Mutual<z.infer<typeof S.targetItems>, List<TargetResponse>>>,
  Assert<Mutual<z.infer<typeof S.subscriptionItem>, Single<SubscriptionResponse>>>,
  Assert<Mutual<z.infer<typeof S.subscriptionItems>, List<SubscriptionResponse>>>,
  Assert<Mutual<z.infer<ReturnType<typeof S.singleData<typeof S.subscriptionResponse>>>, { Item: SubscriptionResponse }>>,
  Assert<Mutual<z.infer<ReturnType<typeof S.listData<typeof S.targetResponse>>>, { Items?: TargetResponse[] | null }>>,

  // Whatever the schemas accept is a valid value of the document's type.
  Assert<Extends<S.TargetRequest, Doc['TargetRequestDto']>>,
  Assert<Extends<S.SubscriptionRequest, Doc['SubscriptionRequestDto']>>,
  Assert<Extends<z.infer<typeof S.targetItem>, Doc['TargetResponseDtoSingleEntryResponseDto']>>,
  Assert<Extends<z.infer<typeof S.targetItems>, Doc['TargetResponseDtoMultipleEntriesResponseDto']>>,
  Assert<Extends<z.infer<typeof S.subscriptionItem>, Doc['SubscriptionResponseDtoSingleEntryResponseDto']>>,
  Assert<Extends<z.infer<typeof S.subscriptionItems>, Doc['SubscriptionResponseDtoMultipleEntriesResponseDto']>>,

  // The request bodies fit the operations' declared bodies.
  Assert<Extends<S.TargetRequest, NonNullable<paths['/v1/targets']['post']['requestBody']>['content']['application/json']>>,
  Assert<Extends<S.TargetRequest, NonNullable<paths['/v1/targets/{TargetId}']['put']['requestBody']>['content']['application/json']>>,
  Assert<Extends<S.SubscriptionRequest, NonNullable<paths['/v1/subscriptions']['post']['requestBody']>['content']['application/json']>>,
  Assert<Extends<S.SubscriptionRequest, NonNullable<paths['/v1/subscriptions/{SubscriptionId}']['put']['requestBody']>['content']['application/json']>>,

  // The checks can fail: the tightened types differ from the document's.
  Assert<Not<Mutual<S.TargetResponse, Doc['TargetResponseDto']>>>,
  Assert<Not<Mutual<S.SubscriptionRequest, Doc['SubscriptionRequestDto']>>>,
];
