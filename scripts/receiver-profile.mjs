// Per-request budget of the receiver's thread from a V8 CPU profile (see docs/performance.md).
//   node scripts/receiver-profile.mjs PROFILE REQUESTS [FROM_US TO_US] [--top N]
// PROFILE: the receiver worker's .cpuprofile written by `npm run bench -- --cpu-prof DIR`
// (the worker's file is the one with the higher thread number); REQUESTS and the window
// (monotonic µs, as V8 stamps samples) are printed by the bench for each profiled run.
// Samples are wall-clock: on a loaded machine, time a thread spent preempted lands on
// whatever it was running, so read the shares, not the absolute µs, as the budget.
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const topAt = args.indexOf('--top');
const top = topAt >= 0 ? Number(args.splice(topAt, 2)[1]) : 0;
const [file, requests, from, to] = args;
if (!file || !requests) {
  console.error('usage: node scripts/receiver-profile.mjs PROFILE REQUESTS [FROM_US TO_US] [--top N]');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8'));

// Names anonymous functions of our bundles after the function or method that encloses them.
const sources = new Map();
function enclosing(url, line) {
  if (!url.includes('/out/main/')) return null;
  if (!sources.has(url)) sources.set(url, readFileSync(new URL(url), 'utf8').split('\n'));
  const lines = sources.get(url);
  for (let i = line; i >= 0; i--) {
    const m = /^(?:async )?function (\w+)|^class (\w+)|^\t(?:async )?(\w+)\(.*\) \{$|^\tconst (\w+) = /.exec(lines[i] ?? '');
    if (m) return m[1] ?? m[2] ?? m[3] ?? m[4];
  }
  return null;
}
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const label = (n) => {
  const cf = n.callFrame;
  const outer = enclosing(cf.url, cf.lineNumber);
  return `${cf.functionName || '(anon)'}${outer ? `@${outer}` : ''}`;
};

// The first rule any frame of a sample's stack matches names its category.
const rules = [
  ['idle', /^\(idle\)$/],
  ['garbage collection', /^\(garbage collector\)$/],
  ['startup and shutdown', /run_main|ModuleJob|compileForInternalLoader|^close$/],
  ['indexer (behind the ack)', /slice@slice|indexPending|indexRequest|indexChunks|onIndexed|indexedMessage/],
  ['WAL fsync (inline, or handed to the pool)', /durable@durable|@WalSync|^fdatasync(Sync)?$/],
  ['insert + commit (SQLite)', /insertRequests|sqliteTransaction/],
  ['URL and secret check', /^URL$|sameSecret|timingSafeEqual|searchParams|URLSearchParams|parseTarget|plainParam/],
  ['header capture', /headerPairs|captureHeaders|_addHeaderLine|^get headers$/],
  ['body read', /readBody|@read$|@BodyReader|^read@|^sweep|addChunk|readableAddChunk|endReadableNT/],
  ['response', /^send@|^ack@|writeHead|^end$|_storeHeader|_writeRaw|writeGeneric|resOnFinish|^_finish|writeUtf8String/],
  ['group commit', /^add@|@GroupCommitter|^flush@|^schedule@/],
  ['HTTP parsing and sockets (node)', /parserOn|HTTPParser|IncomingMessage|onParserExecute|socketOnData|connectionListener|^execute$/],
  ['receiver handler (other)', /@server$|@createReceiverServer/],
  ['timers and ticks', /processTimers|listOnTimeout|processTicksAndRejections|processImmediate/],
];

const time = new Map();
let at = profile.startTime;
for (let i = 0; i < profile.samples.length; i++) {
  at += profile.timeDeltas[i] ?? 0;
  if (from && (at < Number(from) || at > Number(to))) continue;
  time.set(profile.samples[i], (time.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i] ?? 0));
}
const byCategory = new Map();
const bySelf = new Map();
let total = 0;
for (const [id, t] of time) {
  total += t;
  const stack = [];
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) stack.push(label(nodes.get(cur)));
  const category = rules.find(([, re]) => stack.some((f) => re.test(f)))?.[0] ?? 'other';
  byCategory.set(category, (byCategory.get(category) ?? 0) + t);
  bySelf.set(stack[0], (bySelf.get(stack[0]) ?? 0) + t);
}
const n = Number(requests);
const idle = byCategory.get('idle') ?? 0;
console.log(`${(total / 1e6).toFixed(2)} s of samples, ${n} requests; the thread was busy ${((100 * (total - idle)) / total).toFixed(0)}% of the time`);
console.log('| part of the work | share of busy time | µs per request |\n|---|---:|---:|');
for (const [c, t] of [...byCategory].sort((a, b) => b[1] - a[1]))
  if (c !== 'idle') console.log(`| ${c} | ${((100 * t) / (total - idle)).toFixed(1)}% | ${(t / n).toFixed(1)} |`);
console.log(`| **busy, all** | 100% | **${((total - idle) / n).toFixed(1)}** |`);
if (top) {
  console.log(`\nself time, top ${top}:`);
  for (const [k, t] of [...bySelf].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${(t / n).toFixed(1).padStart(7)} µs/req  ${k}`);
}
