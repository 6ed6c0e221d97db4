// Runs @doyensec/electronegativity over the desktop shell (electron/desktop: main, engine-host, preload, the
// built renderer page, package.json) and compares its findings with the reviewed list in
// security/electronegativity.json. Exit 1 when a finding is neither fixed nor justified there.
// Offline-safe: see scripts/electronegativity-offline.cjs. Part of `npm test`.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const scan = mkdtempSync(join(tmpdir(), 'mwi-electronegativity-'));
const report = join(scan, 'report.sarif');
try {
  const input = join(scan, 'shell');
  cpSync(join(root, 'electron/desktop/main'), join(input, 'main'), { recursive: true });
  cpSync(join(root, 'electron/desktop/engine-host'), join(input, 'engine-host'), { recursive: true });
  cpSync(join(root, 'electron/desktop/preload'), join(input, 'preload'), { recursive: true });
  cpSync(join(root, 'package.json'), join(input, 'package.json'));
  const page = join(root, 'out/renderer/index.html');
  if (!existsSync(page)) throw new Error('out/renderer/index.html is missing: build first (npx electron-vite build)');
  cpSync(page, join(input, 'index.html'));

  const cli = join(root, 'node_modules/@doyensec/electronegativity/dist/index.js');
  const run = spawnSync(
    process.execPath,
    [
      '-r',
      join(root, 'scripts/electronegativity-offline.cjs'),
      cli,
      '-i',
      input,
      '-r',
      '-v',
      'false',
      '-e',
      '45.5.0',
      '-x',
      'AvailableSecurityFixesGlobalCheck',
      '-o',
      report,
    ],
    { encoding: 'utf8' },
  );
  if (!existsSync(report)) throw new Error(`electronegativity produced no report (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
  const results = JSON.parse(readFileSync(report, 'utf8')).runs[0].results;
  const { accepted } = JSON.parse(readFileSync(join(root, 'security/electronegativity.json'), 'utf8'));
  const findings = results.map((r) => ({
    check: r.ruleId,
    file: r.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? '',
    line: r.locations?.[0]?.physicalLocation?.region?.startLine ?? 0,
    message: r.message?.text ?? '',
  }));
  const justified = (f) => accepted.some((a) => a.check === f.check && f.file.endsWith(a.file));
  const open = findings.filter((f) => !justified(f));
  const stale = accepted.filter((a) => !findings.some((f) => f.check === a.check && f.file.endsWith(a.file)));
  console.log(`electronegativity: ${findings.length} finding(s), ${findings.length - open.length} reviewed in security/electronegativity.json`);
  for (const s of stale) console.log(`  (stale justification, no such finding any more: ${s.check} in ${s.file})`);
  for (const f of open) console.log(`  ✗ ${f.check} ${f.file}:${f.line} ${f.message}`);
  process.exitCode = open.length ? 1 : 0;
} catch (error) {
  console.error(`electronegativity could not run: ${error.message}`);
  process.exitCode = 1;
} finally {
  rmSync(scan, { recursive: true, force: true });
}
