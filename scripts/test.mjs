// `npm test`: build, type-check, lint and format check, unit + integration tests (vitest), browser-mode
// end-to-end tests (Playwright + Chromium); ends with one line summing every suite.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const bin = (name) => join(root, 'node_modules', '.bin', name);
const reports = mkdtempSync(join(tmpdir(), 'mwi-reports-'));
const totals = { passed: 0, failed: 0, skipped: 0 };
const only = process.argv.slice(2); // e.g. `npm test -- unit e2e`
const wanted = (suite) => only.length === 0 || only.includes(suite);

function step(title, command, args, env = {}) {
  console.log(`\n=== ${title}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

function check(title, ok) {
  if (ok) totals.passed++;
  else {
    totals.failed++;
    console.log(`✗ ${title} failed`);
  }
}

const built = step('build (electron-vite)', bin('electron-vite'), ['build']);
check('build', built);
if (wanted('typecheck')) {
  check('typecheck (node)', step('typecheck: Node code', bin('tsc'), ['--noEmit', '-p', 'tsconfig.node.json']));
  check('typecheck (renderer)', step('typecheck: renderer', bin('tsc'), ['--noEmit', '-p', 'tsconfig.web.json']));
}

if (wanted('lint')) {
  // ESLint holds the import boundaries of docs/architecture.md; Prettier the one format.
  check('lint (eslint)', step('lint: ESLint (typescript-eslint, hook rules, import boundaries)', bin('eslint'), ['.']));
  check('format (prettier)', step('format: Prettier --check', bin('prettier'), ['--check', '.']));
}

if (wanted('security') && built) {
  // Electronegativity over the desktop shell; its findings are fixed or justified in security/electronegativity.json.
  check(
    'electronegativity (desktop shell)',
    step('security: electronegativity over electron/desktop (main, engine-host, preload) and the built page', process.execPath, ['scripts/security-lint.mjs']),
  );
}

if (wanted('unit') && built) {
  const out = join(reports, 'vitest.json');
  const ok = step('unit + integration tests (vitest)', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`]);
  if (existsSync(out)) {
    const r = JSON.parse(readFileSync(out, 'utf8'));
    totals.passed += r.numPassedTests;
    totals.failed += r.numFailedTests + suitesThatFailedToRun(r);
    // Vitest fails the run on an unhandled error or rejection even when every test passed: so do we.
    if (!ok && r.numFailedTests + suitesThatFailedToRun(r) === 0) check('vitest: unhandled errors during the run (see "Unhandled Errors" above)', false);
    totals.skipped += r.numPendingTests + (r.numTodoTests ?? 0);
  } else check('vitest report', false);
}

if (wanted('e2e') && built) {
  const out = join(reports, 'playwright.json');
  step('end-to-end tests (Playwright, browser mode + Electron where it exists)', bin('playwright'), ['test', '--reporter=list,json'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: out,
  });
  if (existsSync(out)) {
    const { stats } = JSON.parse(readFileSync(out, 'utf8'));
    totals.passed += stats.expected + stats.flaky;
    totals.failed += stats.unexpected;
    totals.skipped += stats.skipped;
  } else check('playwright report', false);
}

/** A test file that failed to load counts as one failure; one whose tests failed is counted by its tests. */
function suitesThatFailedToRun(report) {
  return report.testResults.filter((s) => s.status === 'failed' && !s.assertionResults.some((a) => a.status === 'failed')).length;
}

console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed ? 1 : 0);
