import type { Job } from '@shared/contract';
import { saveFile } from '../common/save';
import { useTransfer } from '../store/transfer';

/** Saves a finished export through the browser's download (Electron shows its save dialog). */
export async function downloadJob(job: Job): Promise<void> {
  if (!job.output) throw new Error('This export has no file');
  saveFile(await useTransfer.getState().readOutput(job), job.output.fileName, job.output.contentType);
}
