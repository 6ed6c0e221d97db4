import { randomBytes } from 'node:crypto';
import { startSandbox, type Sandbox } from './index';

/**
 * The built-in sandbox as the app runs it: started on first use, generating only while it is the
 * active connection. The connection service decides when it is active (resume/pause) and alone
 * writes the connection status; this class knows nothing of connections.
 */
export class BuiltInSandbox {
  private sandbox: Sandbox | null = null;
  private token = '';
  private active = false;

  /** Events per minute while active (`EngineOptions.sandboxRate` sets the first value). */
  private perMinute: number;

  constructor(
    rate: number,
    private readonly log: (line: string) => void,
  ) {
    this.perMinute = rate;
  }

  get rate(): number {
    return this.perMinute;
  }

  /** Starts the emulator if needed; returns where to reach it and an admin token. */
  async ensure(): Promise<{ baseUrl: string; token: string }> {
    if (!this.sandbox) {
      this.token = randomBytes(18).toString('base64url');
      this.sandbox = await startSandbox({ adminTokens: [this.token], port: 0, rate: 0, log: (line) => this.log(`sandbox: ${line}`) });
    }
    return { baseUrl: this.sandbox.baseUrl, token: this.token };
  }

  resume(): void {
    this.active = true;
    this.sandbox?.setRate(this.perMinute);
  }

  /** Only the active sandbox generates: events of a connection the user left would only confuse. */
  pause(): void {
    this.active = false;
    if (this.sandbox && this.sandbox.rate !== 0) this.sandbox.setRate(0);
  }

  /** The rate from now on; the generator follows it at once while the sandbox is active. */
  setRate(perMinute: number): void {
    this.perMinute = perMinute;
    if (this.active) this.sandbox?.setRate(perMinute);
  }

  running(): Sandbox | null {
    return this.sandbox;
  }

  async stop(): Promise<void> {
    await this.sandbox?.stop();
  }
}
