import { ApiError } from '@shared/contract/api-error';
import type { ApiErrorBody } from '@shared/contract';
import type { Invoke } from '@shared/contract/client';

/** What the desktop preload exposes: one call, answered with the dispatcher's result as is. */
export interface DesktopInvoke {
  invoke(name: string, input: unknown): Promise<{ ok: true; result: unknown } | { ok: false; error: ApiErrorBody }>;
}

/** Calls over Electron IPC (HTTP: shared/contract/http-transport.ts): a failure is rebuilt as the same contract error (code, message, details). */
export const desktopInvoke =
  (bridge: DesktopInvoke): Invoke =>
  async (name, input) => {
    const answer = await bridge.invoke(name, input);
    if (answer.ok) return answer.result;
    throw ApiError.fromBody(answer.error, `${name} failed`);
  };
