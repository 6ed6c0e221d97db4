import type { ConnectionStatus, Status, TunnelStatus } from '@shared/contract';
import { createBridge } from '@shared/contract/client';
import { httpTransport } from '@shared/contract/http-transport';
import { findInstance, instanceLabel, type InstanceInfo } from '../../server/instance';

export interface RunningStatus {
  info: InstanceInfo;
  label: string;
  status: Status;
  tunnel: TunnelStatus;
  connection: ConnectionStatus;
}

/** `mwi status` of a data folder an app runs on: its state over its automation API; null when none answers (a stale file is removed). */
export async function runningStatus(dataDir: string): Promise<RunningStatus | null> {
  const info = await findInstance(dataDir);
  if (!info) return null;
  const transport = httpTransport({ baseUrl: info.url, token: info.token });
  try {
    const { api } = createBridge(transport.invoke, transport.subscribe);
    const [status, tunnel, connection] = await Promise.all([api.status(), api.tunnelStatus(), api.connectionStatus()]);
    return { info, label: instanceLabel(info), status, tunnel, connection };
  } finally {
    transport.close();
  }
}
