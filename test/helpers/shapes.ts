import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '../../electron/engine/store';
import { learnShapes } from '../../electron/engine/shapes/learner';
import { shapesService } from '../../electron/engine/shapes/service';
import type { ServiceContext } from '../../electron/engine/service';
import type { Handlers } from '@shared/contract';

/** A store in a temp folder that learns shapes as it indexes, like the receiver's. */
export class ShapeStore {
  readonly dir = mkdtempSync(join(tmpdir(), 'mwi-shapes-'));
  store: Store;
  /** The receive time of the last posted request; each post adds a second. */
  clock = 1_700_000_000_000;

  constructor(readonly secret?: string) {
    this.store = this.open();
  }

  private open(): Store {
    const store = openStore(join(this.dir, 'inspector.db'));
    learnShapes(store, () => (this.secret ? [this.secret] : []));
    return store;
  }

  /** Commits bodies as the receiver would, then lets the indexer catch up. */
  post(...bodies: (string | object)[]): void {
    this.commit(...bodies);
    this.index();
  }

  commit(...bodies: (string | object)[]): void {
    this.commitAs('received', ...bodies);
  }

  /** As `post`, for requests the app inserted itself (edited replay, test send, import). */
  postAs(origin: 'received' | 'imported' | 'test' | 'edited', ...bodies: (string | object)[]): void {
    this.commitAs(origin, ...bodies);
    this.index();
  }

  private commitAs(origin: 'received' | 'imported' | 'test' | 'edited', ...bodies: (string | object)[]): void {
    this.store.requests.insert(
      bodies.map((b) => ({
        origin,
        receivedAt: (this.clock += 1000),
        method: 'POST',
        path: '/hooks',
        query: '',
        headers: [] as [string, string][],
        body: Buffer.from(typeof b === 'string' ? b : JSON.stringify(b)),
        bodyEncoded: null,
        contentEncoding: null,
        remote: '127.0.0.1',
      })),
      this.clock,
    );
  }

  index(chunk = 500): void {
    while (this.store.events.indexPending(chunk, 1000).length) {
      // until every committed request is parsed
    }
  }

  /** Closes and opens the database again, with a fresh learner (as after an app restart). */
  restart(): void {
    this.store.close();
    this.store = this.open();
  }

  /** The shapes service's handlers on this store (what the API answers). */
  get api(): Pick<Handlers, 'listShapes' | 'getShape' | 'listDrift'> {
    return shapesService({ store: this.store } as ServiceContext).handlers as Pick<Handlers, 'listShapes' | 'getShape' | 'listDrift'>;
  }

  close(): void {
    this.store.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
