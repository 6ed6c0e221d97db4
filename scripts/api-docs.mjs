// Regenerates the README's automation API table from the running contract
// (`GET /api/contract`), so the documentation cannot drift from the code.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const dataDir = mkdtempSync(join(tmpdir(), 'mwi-docs-'));
const child = spawn(process.execPath, [join(root, 'out/main/mwi.js'), 'serve', '--data-dir', dataDir, '--port', '0', '--receiver-port', '0', '--no-tunnel'], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
let out = '';
const ui = await new Promise((resolve, reject) => {
  child.stdout.on('data', (c) => {
    out += c;
    const m = /UI:\s+(\S+)/.exec(out);
    if (m) resolve(new URL(m[1]));
  });
  child.on('exit', (code) => reject(new Error(`server exited ${code}`)));
});
const contract = await (await fetch(`${ui.origin}/api/contract`, { headers: { authorization: `Bearer ${ui.searchParams.get('token')}` } })).json();
child.kill();
rmSync(dataDir, { recursive: true, force: true });

/** `{ a, b? }` from a JSON Schema object; nested shapes are summarised by type. */
function argument(schema) {
  const s = schema.anyOf?.find((x) => x.type === 'object') ?? schema;
  if (s.type !== 'object' || !s.properties) return '—';
  const required = new Set(s.required ?? []);
  const props = Object.keys(s.properties).map((k) => (required.has(k) ? k : `${k}?`));
  return props.length ? `\`{ ${props.join(', ')} }\`` : '—';
}

const rows = Object.entries(contract).map(([name, { doc, input }]) => `| \`${name}\` | ${argument(input)} | ${doc.replace(/\|/g, '\\|')} |`);
const table = ['| call | argument | what it does |', '|---|---|---|', ...rows].join('\n');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const next = readme.replace(/<!-- api-table:start -->[\s\S]*<!-- api-table:end -->/, `<!-- api-table:start -->\n${table}\n<!-- api-table:end -->`);
writeFileSync(join(root, 'README.md'), next);
console.log(`README: ${rows.length} calls documented`);
