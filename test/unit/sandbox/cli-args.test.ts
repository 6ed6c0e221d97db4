import { describe, expect, it } from 'vitest';
import { DEFAULT_SANDBOX_PORT, parseCliArgs } from '../../../electron/engine/sandbox/cli-args';

describe('npm run sandbox flags', () => {
  it('has defaults: port 5193, guide style, 1 s retry delay, generator off, 409', () => {
    expect(parseCliArgs([])).toMatchObject({
      port: DEFAULT_SANDBOX_PORT,
      host: '127.0.0.1',
      'admin-token': [],
      'user-token': [],
      'retry-delay-ms': 1000,
      'payload-style': 'guide',
      rate: 0,
      'target-limit-status': 409,
    });
  });

  it('reads every flag of the issue, with repeatable tokens', () => {
    const args = parseCliArgs(['--port', '0', '--admin-token', 'admin-secret', '--admin-token', 'second-admin', '--user-token', 'U', '--retry-delay-ms', '50', '--payload-style', 'postman', '--rate', '12.5', '--target-limit-status', '400', '--seed', '9']);
    expect(args).toMatchObject({ port: 0, 'admin-token': ['admin-secret', 'second-admin'], 'user-token': ['U'], 'retry-delay-ms': 50, 'payload-style': 'postman', rate: 12.5, 'target-limit-status': 400, seed: 9 });
  });

  it.each([
    [['--payload-style', 'xml'], /payload-style/],
    [['--port', '70000'], /port/],
    [['--rate', '-1'], /rate/],
    [['--retry-delay-ms', 'soon'], /retry-delay-ms/],
    [['--admin-token', 'short'], /at least 8 characters/],
    [['--target-limit-status', '418'], /target-limit-status/],
    [['--colour'], /Unknown option/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(message);
  });
});
