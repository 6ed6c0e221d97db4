import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import Ajv from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseBody } from '@shared/envelope';
import { majorOf, shapeFamily } from '@shared/shapes';
import type { ShapeSummary } from '@shared/contract';
import { officialSamples, guideExample } from '../../helpers/reference';
import { ShapeStore } from '../../helpers/shapes';
import { shapesService } from '../../../electron/engine/shapes/service';
import type { ServiceContext } from '../../../electron/engine/service';

const run = promisify(execFile);
/** Whether pydantic (v2) can be imported here: Debian's python3-pydantic or a pip install. */
const pydantic = (() => {
  try {
    return Number(execFileSync('python3', ['-c', 'import pydantic; print(pydantic.VERSION)'], { encoding: 'utf8' }).split('.')[0]) >= 2;
  } catch {
    return false;
  }
})();

/**
 * Validates each event with the generated pydantic model and dumps it back by alias: a model
 * round-trips when the dump equals the payload it was given (nothing renamed, nothing dropped).
 */
const PY_ROUND_TRIP = `
import importlib.util, json, sys
checked = 0
for path, name, events in json.load(open(sys.argv[1])):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    model = getattr(module, name)
    for event in events:
        dumped = model.model_validate(event).model_dump(by_alias=True, exclude_unset=True)
        if dumped != event:
            sys.exit(f"{name} did not round-trip: {json.dumps(dumped)[:400]} != {json.dumps(event)[:400]}")
        checked += 1
print(checked)
`;
/** Runs PY_ROUND_TRIP over [model file, class name, events] triples in one Python process; returns how many events passed. */
async function pythonRoundTrip(cases: [string, string, unknown[]][]): Promise<number> {
  const manifest = join(dir, `py-cases-${cases[0]![1]}.json`);
  writeFileSync(manifest, JSON.stringify(cases));
  const { stdout } = await run('python3', ['-c', PY_ROUND_TRIP, manifest]).catch((error: { stderr: string }) => {
    throw new Error(`pydantic rejected stored events:\n${error.stderr}`);
  });
  return Number(stdout);
}
const repo = resolve(import.meta.dirname, '../../..');

/** Held-back variants on top of the official samples: case variants (one event with both spellings side by side), sometimes-present and nested fields, arrays of objects. */
function variants(): object[] {
  const lead = JSON.parse(officialSamples().find((s) => s.name === 'Leads / Lead Create')!.raw) as { id: string; data: { new: Record<string, unknown> } };
  const out: object[] = [];
  for (let i = 0; i < 4; i++) {
    const copy = structuredClone(lead);
    copy.id = `variant-${i}`;
    if (i % 2) copy.data.new.Mobile = '604-555-0101';
    if (i === 2) {
      copy.data.new.lastname = copy.data.new.LastName;
      delete copy.data.new.LastName;
      copy.data.new.Contacts = [{ Name: 'Ada', Primary: true }, { Name: 'Grace' }];
    }
    if (i === 3) copy.data.new.lastName = 'Lovelace';
    out.push(copy);
  }
  return out;
}

let store: ShapeStore;
let dir: string;
let shapes: ShapeSummary[];
/** Stored events' payloads per shape id, grouped as the learner groups them. */
const eventsOf = new Map<number, unknown[]>();

beforeAll(async () => {
  store = new ShapeStore();
  store.post(...officialSamples().map((s) => s.raw), guideExample(), ...variants());
  shapes = (await store.api.listShapes(undefined)).items;
  const page = store.store.events.list({ limit: 1000 }).items;
  for (const summary of page) {
    const event = store.store.events.get(summary.id)!;
    const parsed = parseBody(event.payload).events[0]!;
    const family = shapeFamily(parsed.entity!, parsed.op, parsed.original, parsed.new);
    const shape = shapes.find(
      (s) => s.entity.toLowerCase() === family.entityKey && s.op === family.op && s.kind === family.kind && s.major === majorOf(parsed.version),
    );
    eventsOf.set(shape!.id, [...(eventsOf.get(shape!.id) ?? []), JSON.parse(event.payload)]);
  }
  dir = mkdtempSync(join(tmpdir(), 'mwi-models-'));
  // The generated zod code imports "zod": resolve it from the project's own node_modules.
  symlinkSync(join(repo, 'node_modules'), join(dir, 'node_modules'), 'dir');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
});
afterAll(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const generate = (shapeId: number, language: 'typescript' | 'zod' | 'json-schema' | 'csharp' | 'python') =>
  shapesService({ store: store.store } as ServiceContext).handlers!.generateModel!({ shapeId, language });

describe('typed models generated from learned shapes', () => {
  it('TypeScript and zod compile with tsc, the types accept every stored event, and the zod schemas parse them', async () => {
    expect(shapes.length).toBeGreaterThanOrEqual(8);
    const checks: string[] = [];
    for (const shape of shapes) {
      const ts = await generate(shape.id, 'typescript');
      const zod = await generate(shape.id, 'zod');
      expect(ts.code).toContain("Maximizer's New is sparse");
      writeFileSync(join(dir, `${ts.name}.ts`), ts.code);
      writeFileSync(join(dir, `${zod.name}.zod.ts`), zod.code);
      // Every stored event of this shape, as a literal of the generated type: tsc rejects any that does not fit.
      writeFileSync(
        join(dir, `${ts.name}.check.ts`),
        `import type { ${ts.name} } from './${ts.name}.js';\nexport const events: ${ts.name}[] = ${JSON.stringify(eventsOf.get(shape.id), null, 2)};\n`,
      );
      checks.push(ts.name);
    }
    const tsc = join(repo, 'node_modules/typescript/bin/tsc');
    const files = checks.flatMap((name) => [`${name}.ts`, `${name}.check.ts`, `${name}.zod.ts`]);
    await run(
      process.execPath,
      [tsc, '--strict', '--target', 'es2022', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--skipLibCheck', '--outDir', 'out', ...files],
      { cwd: dir },
    ).catch((error: { stdout: string }) => {
      throw new Error(`tsc rejected the generated code:\n${error.stdout}`);
    });
    for (const shape of shapes) {
      const name = checks[shapes.indexOf(shape)]!;
      const module = (await import(pathToFileURL(join(dir, 'out', `${name}.zod.js`)).href)) as Record<
        string,
        { safeParse(v: unknown): { success: boolean; error?: unknown } }
      >;
      const schema = module[`${name}Schema`]!;
      for (const event of eventsOf.get(shape.id)!) {
        const result = schema.safeParse(event) as { success: boolean; error?: unknown; data?: unknown };
        expect(result.success, `${name} rejected ${JSON.stringify(event).slice(0, 200)}: ${String(result.error)}`).toBe(true);
        // Nothing dropped: a key the model does not declare (or spells otherwise) survives parsing.
        expect(result.data).toEqual(event);
      }
    }
  });

  it('the zod schema rejects an event missing a field every stored event had, and a wrong type', async () => {
    const lead = shapes.find((s) => s.entity.toLowerCase() === 'lead' && s.op === 'create')!;
    const name = (await generate(lead.id, 'zod')).name;
    const module = (await import(pathToFileURL(join(dir, 'out', `${name}.zod.js`)).href)) as Record<string, { safeParse(v: unknown): { success: boolean } }>;
    const event = structuredClone(eventsOf.get(lead.id)![0]) as { data: { new: Record<string, unknown> } };
    expect(module[`${name}Schema`]!.safeParse(event).success).toBe(true);
    const noKey = structuredClone(event);
    delete noKey.data.new.Key;
    expect(module[`${name}Schema`]!.safeParse(noKey).success).toBe(false);
    const wrongType = structuredClone(event);
    wrongType.data.new.Status = 'one';
    expect(module[`${name}Schema`]!.safeParse(wrongType).success).toBe(false);
  });

  it('JSON Schema validates every stored event with ajv; sometimes-absent fields are optional', async () => {
    const ajv = new Ajv({ strict: false });
    for (const shape of shapes) {
      const model = await generate(shape.id, 'json-schema');
      const validate = ajv.compile(JSON.parse(model.code) as object);
      for (const event of eventsOf.get(shape.id)!) expect(validate(event), `${model.name}: ${ajv.errorsText(validate.errors)}`).toBe(true);
    }
    const lead = shapes.find((s) => s.entity.toLowerCase() === 'lead' && s.op === 'create')!;
    const schema = JSON.parse((await generate(lead.id, 'json-schema')).code) as {
      definitions: Record<string, { required?: string[]; properties: Record<string, unknown> }>;
    };
    const created = Object.entries(schema.definitions).find(([k]) => k.endsWith('New'))![1];
    expect(created.required).toContain('Key');
    expect(created.required).not.toContain('Mobile');
    // Spelled two ways: two optional properties.
    expect(created.properties).toHaveProperty('LastName');
    expect(created.properties).toHaveProperty('lastname');
    expect(created.required).not.toContain('LastName');
  });

  it('both spellings of a field in one event survive in every language', async () => {
    const lead = shapes.find((s) => s.entity.toLowerCase() === 'lead' && s.op === 'create')!;
    expect(
      eventsOf.get(lead.id)!.some((e) => 'lastName' in (e as { data: { new: object } }).data.new && 'LastName' in (e as { data: { new: object } }).data.new),
    ).toBe(true);
    for (const language of ['typescript', 'zod', 'json-schema', 'csharp', 'python'] as const) {
      const { code } = await generate(lead.id, language);
      expect(code, language).toContain('"LastName"'.replace(/"/g, language === 'typescript' ? '' : '"'));
      expect(code, language).toMatch(language === 'typescript' ? /\blastName\?:/ : /"lastName"/);
    }
  });

  it('C# (no compiler here: checked structurally) maps every JSON spelling to its own property', async () => {
    for (const shape of shapes) {
      const cs = await generate(shape.id, 'csharp');
      expect(cs.code).toContain('namespace MaximizerWebhooks');
      expect(cs.code).toContain(`class ${cs.name}`);
      // Every property is bound to its exact JSON key, and no class declares one C# name twice.
      const blocks = cs.code.split(/\bpublic partial class /).slice(1);
      for (const block of blocks) {
        const props = [...block.matchAll(/\[JsonPropertyName\("([^"]+)"\)\]\s+public [^ ]+ (\w+) \{ get; set; \}/g)];
        const declared = [...block.matchAll(/public [^ ]+ (\w+) \{ get; set; \}/g)];
        expect(props.length, block.slice(0, 80)).toBe(declared.length);
        expect(new Set(props.map((p) => p[2])).size).toBe(props.length);
      }
      const keys = new Set(
        JSON.stringify(eventsOf.get(shape.id))
          .match(/"[^"]+":/g)!
          .map((k) => k.slice(1, -2)),
      );
      const bound = new Set([...cs.code.matchAll(/JsonPropertyName\("([^"]+)"\)/g)].map((m) => m[1]));
      for (const key of keys) if (!/^\d/.test(key)) expect(bound.has(key) || !cs.code.includes(key), `C# lost ${key}`).toBe(true);
    }
  });

  it('Python (pydantic) compiles for every shape and, where pydantic is installed, round-trips every stored event', async () => {
    mkdirSync(join(dir, 'py'), { recursive: true });
    const cases: [string, string, unknown[]][] = [];
    for (const shape of shapes) {
      const py = await generate(shape.id, 'python');
      expect(py.code).toContain('BaseModel');
      writeFileSync(join(dir, 'py', py.fileName), py.code);
      cases.push([join(dir, 'py', py.fileName), py.name, eventsOf.get(shape.id)!]);
    }
    await run('python3', ['-m', 'py_compile', ...cases.map((c) => c[0])]);
    if (!pydantic) return console.warn('pydantic v2 is not importable: Python models were only compiled, not validated');
    expect(await pythonRoundTrip(cases)).toBe(cases.reduce((n, c) => n + c[2].length, 0));
  });

  it('a model from chosen events: quicktype infers it from their payloads', async () => {
    const ids = store.store.events.list({ limit: 1000, entity: 'lead', op: 'create' }).items.map((e) => e.id);
    const api = shapesService({ store: store.store } as ServiceContext).handlers!;
    const model = await api.generateModel!({ eventIds: ids, language: 'typescript', name: 'ChosenLeads' });
    expect(model.fileName).toBe('ChosenLeads.ts');
    expect(model.code).toMatch(/Mobile\?: +string/);
    if (!pydantic) return;
    const py = await api.generateModel!({ eventIds: ids, language: 'python', name: 'ChosenLeads' });
    const payloads = ids.map((id) => JSON.parse(store.store.events.get(id)!.payload) as unknown);
    writeFileSync(join(dir, 'ChosenLeads.py'), py.code);
    expect(await pythonRoundTrip([[join(dir, 'ChosenLeads.py'), 'ChosenLeads', payloads]])).toBe(payloads.length);
  });
});
