import type { EventDetail } from '@shared/contract';
import { copyText } from '../common/clipboard';
import { toast } from '../common/toast';
import { useStatus } from '../store/status';
import { base64ToBytes, bytesToText, prettyJson } from './body';
import { curlCommand } from './curl';

/** The first attempt's request: the body exactly as Maximizer sent it. */
export const firstRequest = (detail: EventDetail) => detail.requests[0];

export function copyBody(detail: EventDetail): void {
  const request = firstRequest(detail);
  if (!request) return toast('This event has no stored request', 'error');
  const text = bytesToText(base64ToBytes(request.bodyBase64));
  void copyText(text ?? request.bodyBase64, text === null ? 'Copied the body (binary, as base64)' : 'Copied the raw body');
}

export function copyJson(detail: EventDetail): void {
  void copyText(prettyJson(detail.payload), 'Copied the event as JSON');
}

export function copyCurl(detail: EventDetail): void {
  const request = firstRequest(detail);
  const url = useStatus.getState().status?.receiver.localUrl;
  if (!request || !url) return toast('Nothing to replay yet', 'error');
  void copyText(curlCommand(request, url), 'Copied cURL (replays to the local receiver)');
}
