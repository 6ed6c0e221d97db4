import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './serve';

/**
 * Runs one of `mwi`'s subcommands (`out/main/mwi.js <command>`) as a user would, and
 * resolves once its output matches `ready` (stdout and stderr both count).
 */
export function startCommand(script: string, args: string[], ready: RegExp): Promise<{ child: ChildProcess; match: RegExpExecArray }> {
  const child = spawn(process.execPath, [join(repoRoot, 'out/main/mwi.js'), script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = ready.exec(out);
      if (match) resolve({ child, match });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${script} exited ${code}: ${out}`)));
  });
}

/** `npm run sandbox`, standalone, standing in for a Maximizer CRM. */
export async function startStandaloneSandbox(tokens: { admin: string; user?: string }): Promise<{ child: ChildProcess; baseUrl: string }> {
  const args = ['--port', '0', '--admin-token', tokens.admin, '--retry-delay-ms', '200', ...(tokens.user ? ['--user-token', tokens.user] : [])];
  const { child, match } = await startCommand('sandbox', args, /(http:\/\/127\.0\.0\.1:\d+\/webhooks)/);
  return { child, baseUrl: match[1]! };
}
