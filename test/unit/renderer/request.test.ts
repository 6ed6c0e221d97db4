import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToText, hexDump, prettyJson } from '../../../renderer/src/detail/body';
import { curlCommand, shellQuote } from '../../../renderer/src/detail/curl';

const b64 = (text: string | Uint8Array) => Buffer.from(text).toString('base64');

describe('prettyJson', () => {
  it('re-indents without rewriting any value', () => {
    const text = '{"Age":6.0,"Version":0.1,"Big":12345678901234567890,"s":"a,b:{c}[d] \\"q\\" \\\\","e":{},"a":[],"n":[1,[2]]}';
    const pretty = prettyJson(text);
    expect(pretty).toContain('"Age": 6.0');
    expect(pretty).toContain('"Version": 0.1');
    expect(pretty).toContain('"Big": 12345678901234567890');
    expect(pretty).toContain('"s": "a,b:{c}[d] \\"q\\" \\\\"');
    expect(pretty).toContain('"e": {}');
    expect(pretty).toContain('"a": []');
    // Same data, only whitespace changed.
    expect(JSON.parse(pretty)).toEqual(JSON.parse(text));
    expect(pretty.replace(/\s+/g, '')).toBe(text.replace(/\s+/g, ''));
    expect(pretty.split('\n')[1]).toBe('  "Age": 6.0,');
  });
  it('returns text that is not JSON unchanged', () => {
    expect(prettyJson('{"a": ')).toBe('{"a": ');
    expect(prettyJson('hello')).toBe('hello');
  });
});

describe('bodies', () => {
  it('decodes UTF-8 text and refuses binary', () => {
    expect(bytesToText(base64ToBytes(b64('héllo ✓')))).toBe('héllo ✓');
    expect(bytesToText(new Uint8Array([0xff, 0xfe, 0x00]))).toBeNull();
    expect(bytesToText(new Uint8Array([0x61, 0x00, 0x62]))).toBeNull();
  });
  it('hex-dumps binary bodies', () => {
    expect(hexDump(new Uint8Array([0x7b, 0x22, 0x00]))).toBe(`00000000  7b 22 00${' '.repeat(39)}  {".`);
  });
});

describe('copy as cURL', () => {
  const headers: [string, string][] = [
    ['Host', '127.0.0.1:5191'],
    ['Content-Type', 'application/json'],
    ['Content-Length', '20'],
    ['Content-Encoding', 'gzip'],
    ['X-Inspector-Secret', 'old'],
    ['X-Trace', "it's"],
  ];

  it('replays method, the headers that matter, and the exact body to the given URL', () => {
    const body = `{"Note":"it's \\"x\\"\\n$HOME \`id\`"}\n`;
    const cmd = curlCommand({ method: 'post', headers, bodyBase64: b64(body) }, 'http://127.0.0.1:5191/hooks?secret=s3');
    expect(cmd).toContain("curl -X 'POST' 'http://127.0.0.1:5191/hooks?secret=s3'");
    expect(cmd).toContain("-H 'Content-Type: application/json'");
    expect(cmd).toContain(`-H 'X-Trace: it'\\''s'`);
    for (const dropped of ['Host:', 'Content-Length', 'Content-Encoding', 'X-Inspector-Secret']) expect(cmd).not.toContain(dropped);
    // The shell hands curl the body byte for byte: no expansion, quotes intact.
    const echoed = execFileSync('sh', ['-c', `printf %s ${cmd.slice(cmd.indexOf('--data-raw ') + 11)}`]).toString();
    expect(echoed).toBe(body);
  });

  it('sends binary bodies through base64 -d', () => {
    const bytes = new Uint8Array([0x1f, 0x8b, 0x00, 0xff]);
    const cmd = curlCommand({ method: 'POST', headers: [], bodyBase64: b64(bytes) }, 'http://x/');
    expect(cmd.startsWith(`printf %s '${b64(bytes)}' | base64 -d | curl -X 'POST'`)).toBe(true);
    expect(cmd).toContain('--data-binary @-');
  });

  it('quotes the method too: a method from an imported file cannot run a command', () => {
    const cmd = curlCommand({ method: 'POST;touch /tmp/pwned;', headers: [], bodyBase64: '' }, 'http://x/');
    expect(cmd).toBe(`curl -X 'POST;TOUCH /TMP/PWNED;' 'http://x/'`);
    // Run through a shell with `curl` swapped for echo: the whole method arrives as one argument.
    expect(execFileSync('sh', ['-c', `curl() { printf '%s|' "$@"; }; ${cmd}`]).toString()).toBe('-X|POST;TOUCH /TMP/PWNED;|http://x/|');
  });

  it.skipIf(!existsSync('/usr/bin/curl'))('run by real curl: a body starting with @ is sent as text, a CRLF in a header value injects no header', async () => {
    let seen: { body: string; headers: IncomingMessage['rawHeaders'] } | undefined;
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => ((seen = { body, headers: req.rawHeaders }), res.end('ok')));
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/hooks`;
    try {
      // As an imported (hand-edited) file could hold it: a value with a CRLF and a header after it.
      const injected: [string, string][] = [
        ['X-Note', 'a\r\nX-Injected: yes'],
        ['Bad Name', 'x'],
        ['X-Empty', ''],
      ];
      const cmd = curlCommand({ method: 'POST', headers: injected, bodyBase64: b64('@/etc/hostname') }, url);
      await new Promise<void>((done, fail) => execFile('sh', ['-c', `${cmd} --silent --show-error`], (error) => (error ? fail(error) : done())));
      expect(seen?.body).toBe('@/etc/hostname');
      const names = seen!.headers.filter((_, i) => i % 2 === 0).map((n) => n.toLowerCase());
      expect(names).not.toContain('x-injected');
      expect(names).toContain('x-empty');
      expect(seen!.headers[seen!.headers.findIndex((n) => n.toLowerCase() === 'x-note') + 1]).toBe('a X-Injected: yes');
    } finally {
      server.close();
    }
  });

  it('quotes anything for a POSIX shell', () => {
    for (const text of ["a'b", '$(rm -rf /)', 'line\nbreak', '']) expect(execFileSync('sh', ['-c', `printf %s ${shellQuote(text)}`]).toString()).toBe(text);
  });
});
