import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { calls } from '../../../shared/contract';
import { SANDBOX_MAX_RATE } from '../../../shared/limits';
import { flag, parseFlags } from '../../../electron/cli/mwi/flags';
import { buildProgram, listLongRunning, namesLongRunning, registerLongRunning } from '../../../electron/cli/mwi/program';
import { serveFlags } from '../../../electron/cli/mwi/serve';
import { DEFAULT_SANDBOX_PORT, sandboxFlags } from '../../../electron/cli/mwi/sandbox';
import { tunnelServerFlags } from '../../../electron/cli/mwi/tunnel-server';
import { benchFlags } from '../../../electron/cli/mwi/bench';

const demo = {
  port: flag(z.coerce.number().int().min(0).default(80), 'the port', { value: 'P' }),
  tag: flag(z.array(z.string()).default([]), 'a tag (repeatable)', { value: 'T', multiple: true }),
  quiet: flag(z.boolean().default(false), 'say less'),
  tunnel: flag(z.boolean().default(true), 'no tunnel', { negate: true }),
  maxBodyBytes: flag(z.coerce.number().int().positive().optional(), 'largest body', { value: 'N' }),
};

describe('one declaration per option', () => {
  it('parses, validates and applies defaults from it', () => {
    expect(parseFlags(demo, [])).toEqual({ port: 80, tag: [], quiet: false, tunnel: true, maxBodyBytes: undefined });
    expect(parseFlags(demo, ['--port', '8080', '--tag', 'a', '--tag', 'b', '--quiet', '--no-tunnel', '--max-body-bytes', '5'])).toEqual({
      port: 8080,
      tag: ['a', 'b'],
      quiet: true,
      tunnel: false,
      maxBodyBytes: 5,
    });
  });

  it('names the option as typed when its value is bad, and refuses unknown options', () => {
    expect(() => parseFlags(demo, ['--port', 'x'])).toThrow(/--port/);
    expect(() => parseFlags(demo, ['--max-body-bytes', '-1'])).toThrow(/--max-body-bytes/);
    expect(() => parseFlags(demo, ['--colour'])).toThrow(/unknown option '--colour'/);
  });
});

describe('the long-running programs are subcommands of mwi', () => {
  const program = buildProgram();
  beforeAll(() => registerLongRunning(program));
  it.each([
    ['serve', serveFlags],
    ['sandbox', sandboxFlags],
    ['tunnel-server', tunnelServerFlags],
    ['bench', benchFlags],
  ] as const)('mwi %s: every declared option but the internal ones is in its help, and no options parse to the defaults', (name, flags) => {
    const command = program.commands.find((c) => c.name() === name)!;
    const help = command.helpInformation();
    for (const [key, f] of Object.entries(flags)) {
      const spelled = `--${f.negate ? 'no-' : ''}${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
      expect(help.includes(spelled), `${spelled} in the help of ${name}`).toBe(!f.hidden);
    }
    expect(() => parseFlags(flags, [])).not.toThrow();
  });

  it('the built-in sandbox rate has one limit: the command line, the contract and the sandbox agree', () => {
    expect(parseFlags(serveFlags, ['--sandbox-rate', String(SANDBOX_MAX_RATE)]).sandboxRate).toBe(SANDBOX_MAX_RATE);
    expect(() => parseFlags(serveFlags, ['--sandbox-rate', String(SANDBOX_MAX_RATE + 1)])).toThrow(/--sandbox-rate/);
    expect(calls.sandboxSetRate.input.safeParse({ perMinute: SANDBOX_MAX_RATE }).success).toBe(true);
    expect(calls.sandboxSetRate.input.safeParse({ perMinute: SANDBOX_MAX_RATE + 1 }).success).toBe(false);
    expect(parseFlags(sandboxFlags, ['--rate', String(SANDBOX_MAX_RATE)]).rate).toBe(SANDBOX_MAX_RATE);
  });
});

describe('mwi sandbox options', () => {
  it('has defaults: port 5193, guide style, 1 s retry delay, generator off, 409', () => {
    expect(parseFlags(sandboxFlags, [])).toMatchObject({
      port: DEFAULT_SANDBOX_PORT,
      host: '127.0.0.1',
      adminToken: [],
      userToken: [],
      retryDelayMs: 1000,
      payloadStyle: 'guide',
      rate: 0,
      targetLimitStatus: 409,
    });
  });

  it('reads every option, with repeatable tokens', () => {
    const args = parseFlags(sandboxFlags, [
      ...['--port', '0', '--admin-token', 'admin-secret', '--admin-token', 'second-admin', '--user-token', 'U', '--retry-delay-ms', '50'],
      ...['--payload-style', 'postman', '--rate', '12.5', '--target-limit-status', '400', '--seed', '9'],
    ]);
    expect(args).toMatchObject({
      port: 0,
      adminToken: ['admin-secret', 'second-admin'],
      userToken: ['U'],
      retryDelayMs: 50,
      payloadStyle: 'postman',
      rate: 12.5,
      targetLimitStatus: 400,
      seed: 9,
    });
  });

  it.each([
    [['--payload-style', 'xml'], /--payload-style/],
    [['--port', '70000'], /--port/],
    [['--rate', '-1'], /--rate/],
    [['--retry-delay-ms', 'soon'], /--retry-delay-ms/],
    [['--admin-token', 'short'], /at least 8 characters/],
    [['--target-limit-status', '418'], /--target-limit-status/],
    [['--colour'], /unknown option/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseFlags(sandboxFlags, argv)).toThrow(message);
  });
});

describe('which command lines load the long-running commands (and zod with their flags)', () => {
  it('only those naming one, past the global options; `mwi --help` lists them without loading them', () => {
    for (const args of [
      ['events'],
      ['show', '3'],
      ['status', '--json'],
      ['--data-dir', '/x', 'events'],
      ['--data-dir=/x', '--verbose', 'status'],
      ['--version'],
      ['listen'],
      ['--help'],
      [],
      ['help'],
      ['help', 'events'],
    ])
      expect(namesLongRunning(args), args.join(' ')).toBe(false);
    for (const args of [['serve'], ['--data-dir', '/x', 'serve'], ['bench', '--only', 'ui'], ['help', 'serve'], ['sandbox'], ['tunnel-server']])
      expect(namesLongRunning(args), args.join(' ')).toBe(true);
  });

  it('the listed ones read in the help as the real ones do (name, `[options]`, description)', async () => {
    const listed = buildProgram();
    listLongRunning(listed);
    const real = buildProgram();
    await registerLongRunning(real);
    const line = (program: typeof real, name: string) =>
      program
        .helpInformation()
        .split('\n')
        .find((l) => l.trimStart().startsWith(`${name} `));
    for (const name of ['serve', 'sandbox', 'tunnel-server', 'bench']) {
      expect(line(listed, name), name).toBeDefined();
      expect(line(listed, name)).toBe(line(real, name));
    }
  });
});
