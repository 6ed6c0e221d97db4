import type { ExportFormat } from '@shared/contract';
import { plural } from '../common/format';
import { toast } from '../common/toast';
import { reportError } from '../errors';
import { downloadJob } from '../forwarding/download';
import { useEvents } from '../store/events';
import { useForwarding } from '../store/forwarding';
import { useTransfer } from '../store/transfer';
import { confirmDialog } from '../ui/confirm';

/** Everyday actions on one or several events, shared by the detail header, the selection bar and the keyboard. */

export async function deleteEvents(ids: number[]): Promise<void> {
  if (!ids.length) return;
  const ok = await confirmDialog({
    title: ids.length === 1 ? `Delete event #${ids[0]}?` : `Delete ${plural(ids.length, 'event')}?`,
    body: 'The event and its raw requests are removed from this computer. This cannot be undone.',
    confirm: ids.length === 1 ? 'Delete event' : `Delete ${plural(ids.length, 'event')}`,
    danger: true,
  });
  if (!ok) return;
  try {
    const deleted = await useEvents.getState().deleteEvents(ids);
    toast(`Deleted ${plural(deleted, 'event')}`);
  } catch (error) {
    reportError(error, 'Could not delete');
  }
}

export async function exportSelected(ids: number[], format: ExportFormat = 'ndjson'): Promise<void> {
  try {
    toast(`Exporting ${plural(ids.length, 'event')}…`);
    const job = await useTransfer.getState().exportEvents({ format, ids, wait: true });
    if (job.state !== 'done') throw new Error(job.error ?? `Export ${job.state}`);
    await downloadJob(job);
  } catch (error) {
    reportError(error, 'Could not export');
  }
}

export async function replaySelected(ids: number[], url: string): Promise<void> {
  try {
    const { deliveries } = await useForwarding.getState().replayEvents({ ids, url });
    toast(`Replaying ${plural(deliveries.length, 'request')} to ${url} (see Forwarding)`);
  } catch (error) {
    reportError(error, 'Could not replay');
  }
}

/** The delete key: the selection when there is one, else the open event. */
export function deleteCurrent(): void {
  const s = useEvents.getState();
  const ids = s.selection.ids.size ? [...s.selection.ids] : s.openId !== null ? [s.openId] : [];
  if (ids.length) void deleteEvents(ids);
  else toast('Select or open an event first');
}
