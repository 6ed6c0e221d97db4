import type { JsonObject } from '@shared/caseless';
import { encodeKey } from '@shared/keys';
import { mintRecordId, type EmitInput } from './events';
import { pick, randomInt, type Random } from './random';

/**
 * Plausible CRM activity in the shapes of Maximizer's official samples (CONTRACT §5), one event per call.
 * The generator keeps a small CRM in memory (leads and opportunities that already exist when the
 * sandbox starts), so updates and deletes always name a record it created or seeded, and an
 * opportunity's stage changes follow its sales process.
 *
 * Faithfulness over flourish: an Opportunity v0.1 update carries only the record Key, exactly like the
 * sample, so a revenue change is sent that way; the new revenue shows in that opportunity's later
 * stage changes (`original.revenue`, v1.1 shape).
 */
export const GENERATED_KINDS = [
  'lead.create',
  'lead.update',
  'lead.delete',
  'opportunity.create',
  'opportunity.update',
  'opportunity.stage',
  'opportunity.delete',
  'export.abentry',
  'export.opportunity',
] as const;
export type GeneratedKind = (typeof GENERATED_KINDS)[number];

const KIND_OF: Record<string, GeneratedKind> = {
  'lead.create': 'lead.create',
  'lead.update': 'lead.update',
  'lead.delete': 'lead.delete',
  'opportunity.create': 'opportunity.create',
  'opportunity.update': 'opportunity.update',
  'opportunity.update.stage': 'opportunity.stage',
  'opportunity.delete': 'opportunity.delete',
  'export.read': 'export.opportunity',
  'export.read.opportunities': 'export.opportunity',
  'export.read.abentries': 'export.abentry',
};

/** The generated kind for a Maximizer Entity/Op (and sample shape), ignoring case; undefined when the generator has none. */
export function generatedKindFor(entity: string, op: string, shape?: string): GeneratedKind | undefined {
  return KIND_OF[[entity, op, shape].filter(Boolean).join('.').toLowerCase()];
}

/** How often each kind appears when the generator runs at a rate: edits and stage moves dominate, as in a real CRM. */
const WEIGHTS: Record<GeneratedKind, number> = {
  'lead.create': 14,
  'lead.update': 22,
  'lead.delete': 5,
  'opportunity.create': 10,
  'opportunity.update': 12,
  'opportunity.stage': 22,
  'opportunity.delete': 3,
  'export.abentry': 6,
  'export.opportunity': 6,
};

const FIRST = [
  'Olivia',
  'Liam',
  'Emma',
  'Noah',
  'Ava',
  'Lucas',
  'Mia',
  'Ethan',
  'Chloe',
  'Arjun',
  'Priya',
  'Wei',
  'Sofia',
  'Mateo',
  'Hannah',
  'Jonas',
  'Aiko',
  'Daniel',
  'Fatima',
  'Grace',
];
const MIDDLE = ['', '', 'J.', 'Marie', 'Lee', 'A.', 'Rose', 'James'];
const LAST = [
  'Nguyen',
  'Smith',
  'Patel',
  'Tremblay',
  'Garcia',
  'Wong',
  'Johnson',
  'Roy',
  'Müller',
  'Kowalski',
  'Brown',
  'Singh',
  'Martin',
  "O'Connor",
  'Lefebvre',
  'Chen',
  'Haddad',
  'Novak',
];
const COMPANIES = [
  ['Northwind Traders', 'northwind.example'],
  ['Blue Harbour Logistics', 'blueharbour.example'],
  ['Cedar & Pine Dental', 'cedarpine.example'],
  ['Granite Peak Construction', 'granitepeak.example'],
  ['Lumen Solar Inc.', 'lumensolar.example'],
  ['Maple Leaf Analytics', 'mapleleaf.example'],
  ['Orca Marine Supply', 'orcamarine.example'],
  ['Pacific Rim Foods', 'pacificrim.example'],
  ['Riverside Veterinary', 'riversidevet.example'],
  ['Summit Financial Group', 'summitfg.example'],
  ['Tidewater Hotels', 'tidewater.example'],
  ['Westcoast Robotics', 'westcoastrobotics.example'],
] as const;
const POSITIONS = [
  'Office Manager',
  'Purchasing Manager',
  'VP Operations',
  'IT Director',
  'CFO',
  'Owner',
  'Sales Director',
  'Procurement Lead',
  'Operations Analyst',
  'General Manager',
];
const CITIES = [
  ['Vancouver', 'BC', 'V6B 1A1', 'Canada', '604'],
  ['Toronto', 'ON', 'M5V 2T6', 'Canada', '416'],
  ['Calgary', 'AB', 'T2P 1J9', 'Canada', '403'],
  ['Seattle', 'WA', '98101', 'United States', '206'],
  ['Denver', 'CO', '80202', 'United States', '303'],
  ['Manchester', 'Greater Manchester', 'M1 1AE', 'United Kingdom', '161'],
] as const;
const STREETS = ['Granville St', 'King St W', 'Main St', 'Harbour Rd', 'Pine Ave', 'Market St', '4th Ave SW'];
const OBJECTIVES = [
  '500 Licenses',
  'Annual Support Renewal',
  '5000 Samples',
  'Fleet Upgrade',
  'Cloud Migration',
  'Training Package',
  'Office Expansion',
  'Preventive Maintenance Plan',
  'Pilot Project',
  'Hardware Refresh',
];
/** Stages of the default sales process; the samples name "Qualified", "Presentation", "Budget Agreement", "Proposal". */
const STAGES = ['Qualified', 'Needs Analysis', 'Presentation', 'Budget Agreement', 'Proposal', 'Negotiation', 'Verbal Agreement'];
/** User ids as in the samples (`User⇥MASTER`, `User⇥LSHAO`); user keys have no number part. */
const USERS = ['MASTER', 'LSHAO', 'JPATEL', 'MGARCIA', 'KWONG'];

interface Lead {
  record: JsonObject;
  createdAt: number;
}
interface Opportunity {
  key: string;
  objective: string;
  revenue: number;
  stage: number;
  userKey: string;
}

const isoSeconds = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const DAY = 86_400_000;

export interface GeneratorOptions {
  random: Random;
  now: () => number;
}

export class ActivityGenerator {
  readonly kinds: readonly GeneratedKind[] = GENERATED_KINDS;
  private readonly random: Random;
  private readonly now: () => number;
  private readonly leads: Lead[] = [];
  private readonly opportunities: Opportunity[] = [];
  private readonly stageKeys: string[];
  private readonly users: string[] = USERS.map((id) => encodeKey('User', id, null));
  private readonly processKey = encodeKey('SalesProcess', 'DEFAULT', '0');

  constructor(options: GeneratorOptions) {
    this.random = options.random;
    this.now = options.now;
    const setupDay = this.now() - 400 * DAY;
    this.stageKeys = STAGES.map(() => encodeKey('SalesProcessStageSetup', mintRecordId(setupDay, this.random, 'G'), '0'));
    // The CRM is not empty when the sandbox starts: edits and deletes have records to work on.
    for (let i = 0; i < 4; i++) this.leads.push(this.newLead(this.now() - randomInt(this.random, 2, 90) * DAY));
    for (let i = 0; i < 4; i++) this.opportunities.push(this.newOpportunity(this.now() - randomInt(this.random, 2, 60) * DAY));
  }

  /** A kind drawn by weight. */
  randomKind(): GeneratedKind {
    const total = GENERATED_KINDS.reduce((sum, kind) => sum + WEIGHTS[kind], 0);
    let roll = this.random() * total;
    for (const kind of GENERATED_KINDS) {
      roll -= WEIGHTS[kind];
      if (roll < 0) return kind;
    }
    return 'lead.update';
  }

  /** The next event of `kind` (a weighted random kind when omitted), advancing the in-memory CRM. */
  next(kind: GeneratedKind = this.randomKind()): EmitInput {
    switch (kind) {
      case 'lead.create':
        return this.leadCreate();
      case 'lead.update':
        return this.leadUpdate();
      case 'lead.delete':
        return this.leadDelete();
      case 'opportunity.create':
        return this.opportunityCreate();
      case 'opportunity.update':
        return this.opportunityUpdate();
      case 'opportunity.stage':
        return this.stageChange();
      case 'opportunity.delete':
        return this.opportunityDelete();
      case 'export.abentry':
        return this.exportOf(1);
      case 'export.opportunity':
        return this.exportOf(2);
    }
  }

  private user(): string {
    return pick(this.random, this.users);
  }

  private phone(area: string): string {
    return `1-${area}-555-${String(randomInt(this.random, 100, 9999)).padStart(4, '0')}`;
  }

  /** A lead in the full form Maximizer sends as Original (28 fields, as in the Lead Update/Delete samples). */
  private newLead(createdAt: number): Lead {
    const r = this.random;
    const id = mintRecordId(createdAt, r, 'LE');
    const first = pick(r, FIRST);
    const middle = pick(r, MIDDLE);
    const last = pick(r, LAST);
    const [company, domain] = pick(r, COMPANIES);
    const [city, province, zip, country, area] = pick(r, CITIES);
    const creator = this.user();
    const created = isoSeconds(createdAt);
    const femaleish = ['Olivia', 'Emma', 'Ava', 'Mia', 'Chloe', 'Priya', 'Sofia', 'Hannah', 'Aiko', 'Fatima', 'Grace'].includes(first);
    const mrMs = femaleish ? 'Ms.' : 'Mr.';
    const local = `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, '');
    const record: JsonObject = {
      Key: encodeKey('Lead', id, '0'),
      CompanyName: company,
      MrMs: mrMs,
      FirstName: first,
      MiddleName: middle,
      LastName: last,
      Salutation: `Dear ${mrMs} ${last}`,
      Position: pick(r, POSITIONS),
      Website: `https://www.${domain}/`,
      CloseDate: isoSeconds(createdAt + randomInt(r, 20, 120) * DAY),
      Email: `${local}@${domain}`,
      Status: 1,
      AssignedTo: this.user(),
      Address: {
        Key: encodeKey('Address', id, '0'),
        AddressLine1: `${randomInt(r, 10, 2999)} ${pick(r, STREETS)}`,
        AddressLine2: r() < 0.3 ? `Suite ${randomInt(r, 100, 900)}` : '',
        City: city,
        Country: country,
        StateProvince: province,
        ZipCode: zip,
        Creator: creator,
        CreationDate: created,
        ModifiedBy: creator,
        LastModifyDate: created,
      },
      Creator: creator,
      CreationDate: created,
      ModifiedBy: creator,
      LastModifyDate: created,
      Phone1: { Default: true, Description: 'Main', Number: this.phone(area), Extension: r() < 0.4 ? String(randomInt(r, 100, 899)) : '' },
      Phone2: { Default: false, Description: '', Number: this.phone(area), Extension: '' },
      FullName: `${last}, ${first}${middle ? ` ${middle}` : ''}`,
      Age: 0,
      ProcessSetupKey: encodeKey('ProcessSetup', '@*/LEAD', '0'),
      ProcessStageSetupKey: encodeKey('ProcessStageSetup', '@*/LEAD', String(randomInt(r, 1, 5))),
      SecAccess: 'Public',
      'Udf/$TYPEID(57993)': randomInt(r, 1, 10),
      'Udf/$TYPEID(57994)': [String(randomInt(r, 1, 9))],
      'Udf/$TYPEID(57997)': [String(randomInt(r, 1, 4))],
    };
    return { record, createdAt };
  }

  /** The lead as Original carries it now: Age in days since creation. */
  private current(lead: Lead): JsonObject {
    lead.record.Age = Math.max(0, Math.floor((this.now() - lead.createdAt) / DAY));
    return structuredClone(lead.record);
  }

  private leadCreate(): EmitInput {
    const lead = this.newLead(this.now());
    this.leads.push(lead);
    const f = lead.record;
    const address = f.Address as JsonObject;
    const phone1 = f.Phone1 as JsonObject;
    const phone2 = f.Phone2 as JsonObject;
    // A create carries the fields that were written (19 in the sample), nested ones partially.
    const created: JsonObject = {
      Key: f.Key,
      CompanyName: f.CompanyName,
      MrMs: f.MrMs,
      FirstName: f.FirstName,
      MiddleName: f.MiddleName,
      LastName: f.LastName,
      Salutation: f.Salutation,
      Position: f.Position,
      Email: f.Email,
      Website: f.Website,
      AssignedTo: f.AssignedTo,
      Status: f.Status,
      Address: {
        AddressLine1: address.AddressLine1,
        AddressLine2: address.AddressLine2,
        City: address.City,
        StateProvince: address.StateProvince,
        ZipCode: address.ZipCode,
        Country: address.Country,
      },
      Phone1: { Default: phone1.Default, Number: phone1.Number, Description: phone1.Description, Extension: phone1.Extension },
      Phone2: { Number: phone2.Number },
      'Udf/$TYPEID(57997)': f['Udf/$TYPEID(57997)'],
      'Udf/$TYPEID(57993)': f['Udf/$TYPEID(57993)'],
      'Udf/$TYPEID(57994)': f['Udf/$TYPEID(57994)'],
      CloseDate: f.CloseDate,
    };
    return { Entity: 'lead', Op: 'create', New: structuredClone(created), Version: '0.8' };
  }

  private anyLead(): Lead {
    if (this.leads.length === 0) this.leads.push(this.newLead(this.now() - randomInt(this.random, 2, 90) * DAY));
    return pick(this.random, this.leads);
  }

  private leadUpdate(): EmitInput {
    const r = this.random;
    const lead = this.anyLead();
    const before = this.current(lead);
    const f = lead.record;
    // Edits a salesperson makes; New carries the Key and the written fields only (CONTRACT §5).
    const edits: (() => void)[] = [
      () =>
        (f.Position = pick(
          r,
          POSITIONS.filter((p) => p !== f.Position),
        )),
      () => (f.CloseDate = isoSeconds(Date.parse(String(f.CloseDate)) + randomInt(r, 7, 45) * DAY)),
      () => {
        const [company, domain] = pick(
          r,
          COMPANIES.filter(([c]) => c !== f.CompanyName),
        );
        f.CompanyName = company;
        f.Website = `https://www.${domain}/`;
      },
      () => {
        f.LastName = pick(
          r,
          LAST.filter((l) => l !== f.LastName),
        );
        f.Salutation = `Dear ${String(f.MrMs)} ${String(f.LastName)}`;
        f.FullName = `${String(f.LastName)}, ${String(f.FirstName)}${f.MiddleName ? ` ${String(f.MiddleName)}` : ''}`;
      },
      () =>
        (f.MiddleName = pick(
          r,
          MIDDLE.filter((m) => m !== f.MiddleName),
        )),
    ];
    const chosen = new Set<number>();
    const count = randomInt(r, 1, 2);
    while (chosen.size < count) chosen.add(randomInt(r, 0, edits.length - 1));
    for (const i of chosen) edits[i]!();
    const writable = ['CompanyName', 'MrMs', 'FirstName', 'MiddleName', 'LastName', 'Salutation', 'Position', 'Website', 'CloseDate'];
    const written: JsonObject = { Key: f.Key };
    for (const field of writable) if (JSON.stringify(f[field]) !== JSON.stringify(before[field])) written[field] = f[field];
    const editor = this.user();
    const modified = isoSeconds(this.now());
    f.ModifiedBy = editor;
    f.LastModifyDate = modified;
    return { Entity: 'lead', Op: 'update', Original: before, New: structuredClone(written), Version: '0.8' };
  }

  private leadDelete(): EmitInput {
    const lead = this.anyLead();
    this.leads.splice(this.leads.indexOf(lead), 1);
    return { Entity: 'lead', Op: 'delete', Original: this.current(lead), Version: '0.8' };
  }

  private newOpportunity(createdAt: number): Opportunity {
    const r = this.random;
    return {
      key: encodeKey('Opportunity', mintRecordId(createdAt, r, 'O'), '0'),
      objective: pick(r, OBJECTIVES),
      revenue: randomInt(r, 4, 240) * 500,
      stage: randomInt(r, 0, 2),
      userKey: this.user(),
    };
  }

  private anyOpportunity(): Opportunity {
    if (this.opportunities.length === 0) this.opportunities.push(this.newOpportunity(this.now() - randomInt(this.random, 2, 60) * DAY));
    return pick(this.random, this.opportunities);
  }

  private opportunityCreate(): EmitInput {
    const opportunity = this.newOpportunity(this.now());
    opportunity.stage = 0;
    this.opportunities.push(opportunity);
    return { Entity: 'opportunity', Op: 'create', New: { Key: opportunity.key }, Version: 0.1 };
  }

  /** A revenue change, sent as v0.1 sends every opportunity update: the Key only. */
  private opportunityUpdate(): EmitInput {
    const r = this.random;
    const opportunity = this.anyOpportunity();
    const factor = 1 + ((r() < 0.7 ? 1 : -1) * randomInt(r, 5, 40)) / 100;
    opportunity.revenue = Math.max(500, Math.round((opportunity.revenue * factor) / 500) * 500);
    return { Entity: 'opportunity', Op: 'update', Original: { Key: opportunity.key }, New: { Key: opportunity.key }, Version: 0.1 };
  }

  /** A move to the next stage (sometimes back one), in the v1.1 stage-change shape: camelCase, Entity "Opportunity". */
  private stageChange(): EmitInput {
    const r = this.random;
    let open = this.opportunities.filter((o) => o.stage < STAGES.length - 1);
    if (open.length === 0) {
      this.opportunities.push(this.newOpportunity(this.now() - randomInt(r, 2, 60) * DAY));
      open = this.opportunities.filter((o) => o.stage < STAGES.length - 1);
    }
    const opportunity = pick(r, open);
    const from = opportunity.stage;
    const to = from > 0 && r() < 0.15 ? from - 1 : from + 1;
    opportunity.stage = to;
    return {
      Entity: 'Opportunity',
      Op: 'update',
      Original: {
        key: opportunity.key,
        salesStageSetupKey: this.stageKeys[from]!,
        salesStageSetupName: STAGES[from]!,
        salesProcessSetupKey: this.processKey,
        salesProcessSetupName: 'Sales Process',
        objective: opportunity.objective,
        revenue: opportunity.revenue,
        userKey: opportunity.userKey,
      },
      New: { key: opportunity.key, salesStageSetupKey: this.stageKeys[to]!, salesStageSetupName: STAGES[to]! },
      Version: '1.1',
    };
  }

  private opportunityDelete(): EmitInput {
    const opportunity = this.anyOpportunity();
    this.opportunities.splice(this.opportunities.indexOf(opportunity), 1);
    return { Entity: 'opportunity', Op: 'delete', Original: { Key: opportunity.key }, Version: 0.1 };
  }

  /** A user exported a list: entityType 1 = AbEntry, 2 = Opportunity. */
  private exportOf(entityType: 1 | 2): EmitInput {
    return {
      Entity: 'Export',
      Op: 'read',
      Original: { entityType, userKey: this.user(), rows: randomInt(this.random, 1, entityType === 1 ? 400 : 120) },
      Version: '1.0',
    };
  }
}
