import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { calls } from '../../../shared/contract';
import { SANDBOX_MAX_RATE } from '../../../shared/limits';
import { defineCli, flag } from '../../../electron/cli/flags';
import { serveCli } from '../../../electron/server/cli-flags';
import { sandboxCli } from '../../../electron/engine/sandbox/cli-args';
import { tunnelServerCli } from '../../../electron/engine/tunnel/server-cli-flags';
import { benchCli } from '../../../electron/bench/cli-flags';

const demo = defineCli({
  title: 'demo',
  usage: 'demo [options]',
  flags: {
    port: flag(z.coerce.number().int().min(0).default(80), 'the port', { value: 'P' }),
    tag: flag(z.array(z.string()).default([]), 'a tag (repeatable)', { value: 'T', multiple: true }),
    quiet: flag(z.boolean().default(false), 'say less'),
  },
});

describe('one declaration per flag', () => {
  it('generates help, parsing and validation from it', () => {
    expect(demo.help).toContain('  --port P  the port');
    expect(demo.help).toContain('  --tag T   a tag (repeatable)');
    expect(demo.help).toContain('  --quiet   say less');
    expect(demo.parse([])).toEqual({ port: 80, tag: [], quiet: false, help: false });
    expect(demo.parse(['--port', '8080', '--tag', 'a', '--tag', 'b', '--quiet'])).toEqual({ port: 8080, tag: ['a', 'b'], quiet: true, help: false });
    expect(demo.parse(['-h']).help).toBe(true);
    expect(() => demo.parse(['--port', 'x'])).toThrow(/port/);
    expect(() => demo.parse(['--colour'])).toThrow(/Unknown option/);
  });

  it.each([
    ['serve', serveCli],
    ['sandbox', sandboxCli],
    ['tunnel-server', tunnelServerCli],
    ['bench', benchCli],
  ] as const)('%s: every declared flag is in its help, once', (_name, cli) => {
    for (const name of Object.keys(cli.flags)) expect(cli.help.split(`--${name} `).length - 1 + cli.help.split(`--${name}\n`).length - 1).toBe(1);
    expect(cli.parse([]).help).toBe(false);
  });

  it('the built-in sandbox rate has one limit: the command line, the contract and the sandbox agree', () => {
    expect(serveCli.parse(['--sandbox-rate', String(SANDBOX_MAX_RATE)])['sandbox-rate']).toBe(SANDBOX_MAX_RATE);
    expect(() => serveCli.parse(['--sandbox-rate', String(SANDBOX_MAX_RATE + 1)])).toThrow(/sandbox-rate/);
    expect(calls.sandboxSetRate.input.safeParse({ perMinute: SANDBOX_MAX_RATE }).success).toBe(true);
    expect(calls.sandboxSetRate.input.safeParse({ perMinute: SANDBOX_MAX_RATE + 1 }).success).toBe(false);
    expect(sandboxCli.parse(['--rate', String(SANDBOX_MAX_RATE)]).rate).toBe(SANDBOX_MAX_RATE);
  });
});
