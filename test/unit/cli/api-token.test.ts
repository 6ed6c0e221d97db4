import { expect, it } from 'vitest';
import { chooseApiToken } from '../../../electron/server/api-token';

const noFile = (path: string): string => {
  throw Object.assign(new Error(`ENOENT: no such file, open '${path}'`), { code: 'ENOENT' });
};

it('takes the token from a file (first line), from $MWI_API_TOKEN, or from the flag with a warning', () => {
  expect(chooseApiToken({ apiTokenFile: '/run/secrets/t' }, {}, () => 'from-a-file-123\nignored\n')).toEqual({ token: 'from-a-file-123', source: 'file' });
  expect(chooseApiToken({}, { MWI_API_TOKEN: 'from-the-env-123' }, noFile)).toEqual({ token: 'from-the-env-123', source: 'env' });
  const flag = chooseApiToken({ apiToken: 'on-the-command-line' }, {}, noFile);
  expect(flag).toMatchObject({ token: 'on-the-command-line', source: 'flag' });
  expect(flag.warning).toMatch(/visible .* \(ps\).*MWI_API_TOKEN/);
  const random = chooseApiToken({}, {}, noFile);
  expect(random.source).toBe('random');
  expect(random.token).toMatch(/^[\w-]{24}$/);
});

it('says what is wrong with a token it cannot use', () => {
  expect(() => chooseApiToken({ apiTokenFile: '/nope' }, {}, noFile)).toThrow(/Cannot read the API token file \/nope: ENOENT/);
  expect(() => chooseApiToken({ apiTokenFile: '/t' }, {}, () => 'short\n')).toThrow(/at least 8 characters/);
  expect(() => chooseApiToken({}, { MWI_API_TOKEN: 'has a space in it' }, noFile)).toThrow(/printable ASCII without spaces/);
  expect(() => chooseApiToken({ apiToken: 'abcdefgh1' }, { MWI_API_TOKEN: 'abcdefgh2' }, noFile)).toThrow(/one way, not --api-token and \$MWI_API_TOKEN/);
});
