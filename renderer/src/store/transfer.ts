import { createStore } from 'zustand';
import type { CallInput, Job } from '@shared/contract';
import type { DataBridge } from './bridge';
import { bound } from './current';

/** Bytes read per call when fetching a finished export's file. */
const CHUNK = 4 * 1024 * 1024;

function base64Bytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export interface TransferState {
  /** Export and import jobs started in this window, by id, as the engine last reported them. */
  jobs: Record<string, Job>;
  exportEvents(input: CallInput<'exportEvents'>): Promise<Job>;
  importEvents(content: string): Promise<Job>;
  cancelJob(id: string): Promise<void>;
  /** A finished export's file, read in slices over the same API in both modes. */
  readOutput(job: Job): Promise<Uint8Array<ArrayBuffer>[]>;
  start(): () => void;
}

export function createTransferStore(bridge: DataBridge) {
  const { api } = bridge;
  return createStore<TransferState>()((set) => {
    /** Progress events can arrive before the call that started the job returns: those win. */
    const track = (job: Job) => {
      set((s) => ({ jobs: { ...s.jobs, [job.id]: s.jobs[job.id] ?? job } }));
      return job;
    };
    return {
      jobs: {},
      exportEvents: async (input) => track(await api.exportEvents(input)),
      importEvents: async (content) => track(await api.importEvents({ content })),
      async cancelJob(id) {
        await api.cancelJob({ id });
      },
      async readOutput(job) {
        const parts: Uint8Array<ArrayBuffer>[] = [];
        for (let offset = 0; ;) {
          const slice = await api.readJobOutput({
            id: job.id,
            offset,
            length: CHUNK,
          });
          const bytes = base64Bytes(slice.base64);
          parts.push(bytes);
          offset += bytes.length;
          if (slice.eof || bytes.length === 0) break;
        }
        return parts;
      },
      start() {
        const off = bridge.on('jobs.progress', (job) => set((s) => ({ jobs: { ...s.jobs, [job.id]: job } })));
        return () => void off();
      },
    };
  });
}

export const useTransfer = bound((layer) => layer.transfer);
