import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** The environment variable browser mode reads its API token from: unlike `--api-token`, not shown by `ps`. */
export const API_TOKEN_ENV = 'MWI_API_TOKEN';
const MIN_LENGTH = 8;

export interface ApiTokenChoice {
  token: string;
  source: 'flag' | 'file' | 'env' | 'random';
  /** Said on stderr at start: the token is readable by other local users. */
  warning?: string;
}

/**
 * Browser mode's API token: `--api-token-file FILE` (its first line), or `$MWI_API_TOKEN`, or
 * `--api-token T`, or a new random one. A token on the command line is in every process listing
 * of the machine, so that form is still taken but warned about. Throws a readable message.
 */
export function chooseApiToken(
  flags: { apiToken?: string; apiTokenFile?: string },
  env: NodeJS.ProcessEnv = process.env,
  read: (path: string) => string = (path) => readFileSync(path, 'utf8'),
): ApiTokenChoice {
  const given = [
    flags.apiToken !== undefined && '--api-token',
    flags.apiTokenFile !== undefined && '--api-token-file',
    env[API_TOKEN_ENV] && `$${API_TOKEN_ENV}`,
  ].filter(Boolean);
  if (given.length > 1) throw new Error(`Give the API token one way, not ${given.join(' and ')}.`);
  const checked = (token: string, where: string) => {
    if (token.length < MIN_LENGTH) throw new Error(`The API token from ${where} needs at least ${MIN_LENGTH} characters.`);
    if (/[^\x21-\x7e]/.test(token))
      throw new Error(`The API token from ${where} must be printable ASCII without spaces (it goes into an Authorization header).`);
    return token;
  };
  const file = flags.apiTokenFile;
  if (file !== undefined) {
    let text: string;
    try {
      text = read(file);
    } catch (error) {
      throw new Error(`Cannot read the API token file ${file}: ${(error as Error).message}`, { cause: error });
    }
    return { token: checked(text.split(/\r?\n/, 1)[0]!.trim(), file), source: 'file' };
  }
  const fromEnv = env[API_TOKEN_ENV];
  if (fromEnv) return { token: checked(fromEnv.trim(), `$${API_TOKEN_ENV}`), source: 'env' };
  const flag = flags.apiToken;
  if (flag !== undefined)
    return {
      token: checked(flag, '--api-token'),
      source: 'flag',
      warning: `--api-token is visible to every local user in the process list (ps); prefer $${API_TOKEN_ENV} or --api-token-file.`,
    };
  return { token: randomBytes(18).toString('base64url'), source: 'random' };
}
