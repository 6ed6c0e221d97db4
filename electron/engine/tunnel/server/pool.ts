import { Agent, type ClientRequestArgs } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';

/** Why a request could not get a tunnel connection; `status` is what the requester is answered. */
export class PoolError extends Error {
  constructor(
    message: string,
    readonly status: 502 | 504,
  ) {
    super(message);
  }
}

type Take = (err: Error | null, socket: Duplex) => void;

export interface SocketPoolOptions {
  host: string;
  /** The most pooled connections one client may hold (the `max_conn_count` it is told). */
  maxSockets: number;
  /** How long a request waits for a free connection before it is answered 504. */
  queueTimeoutMs: number;
  /** Idle kept-alive connections are dropped after this; the client opens fresh ones. */
  idleSocketMs: number;
  onCountChange: (connected: number) => void;
}

/**
 * The TCP port one tunnel client connects its pooled sockets to. Each socket
 * carries one HTTP exchange at a time; an http.Agent hands them to requests and
 * keeps them alive between requests, so the server speaks plain HTTP/1.1 over
 * connections the client opened from behind its NAT.
 */
export class SocketPool {
  readonly agent: Agent;
  private readonly server: Server;
  private readonly idle: Socket[] = [];
  private readonly waiting = new Set<{ take: Take; timer: NodeJS.Timeout }>();
  private readonly sockets = new Set<Socket>();
  private closed = false;

  constructor(private readonly options: SocketPoolOptions) {
    // An agent whose "connect" is "wait for the client's next pooled socket".
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the nested Agent subclass needs the pool, not itself, as `this`
    const pool = this;
    class PoolAgent extends Agent {
      override createConnection(_options: ClientRequestArgs, take?: Take): Duplex | null | undefined {
        if (take) pool.take(take);
        return undefined;
      }
    }
    this.agent = new PoolAgent({ keepAlive: true, timeout: options.idleSocketMs });
    this.server = createServer((socket) => this.accept(socket));
    this.server.on('error', () => {});
  }

  get connected(): number {
    return this.sockets.size;
  }

  listen(): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, this.options.host, () => {
        const address = this.server.address();
        resolve(typeof address === 'object' && address ? address.port : 0);
      });
    });
  }

  private accept(socket: Socket): void {
    if (this.closed || this.sockets.size >= this.options.maxSockets) {
      socket.destroy();
      return;
    }
    this.sockets.add(socket);
    socket.setNoDelay(true);
    // Finds clients whose machine vanished without closing (sleep, network switch).
    socket.setKeepAlive(true, 30_000);
    socket.on('error', () => socket.destroy());
    socket.once('close', () => {
      this.sockets.delete(socket);
      const at = this.idle.indexOf(socket);
      if (at >= 0) this.idle.splice(at, 1);
      if (!this.closed) this.options.onCountChange(this.sockets.size);
    });
    this.options.onCountChange(this.sockets.size);
    const [waiter] = this.waiting;
    if (waiter) {
      this.waiting.delete(waiter);
      clearTimeout(waiter.timer);
      waiter.take(null, socket);
      return;
    }
    this.idle.push(socket);
  }

  private take(take: Take): void {
    if (this.closed) {
      take(new PoolError('The tunnel client went away', 502), undefined as never);
      return;
    }
    const socket = this.idle.shift();
    if (socket) {
      take(null, socket);
      return;
    }
    const waiter = {
      take,
      timer: setTimeout(() => {
        this.waiting.delete(waiter);
        const seconds = this.options.queueTimeoutMs / 1000;
        take(new PoolError(`No tunnel connection became free within ${seconds}s`, 504), undefined as never);
      }, this.options.queueTimeoutMs),
    };
    this.waiting.add(waiter);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.server.close();
    for (const waiter of this.waiting) {
      clearTimeout(waiter.timer);
      waiter.take(new PoolError('The tunnel client went away', 502), undefined as never);
    }
    this.waiting.clear();
    for (const socket of this.sockets) socket.destroy();
    this.agent.destroy();
  }
}
