import { encodeKey } from '../keys';

/**
 * The project's own demo records. Values are invented; only the shapes follow what
 * Maximizer is known to send (CONTRACT.md §5): PascalCase Lead/Opportunity 0.x records
 * with nested Address/Phone objects and `Udf/$TYPEID(n)` fields, camelCase stage
 * changes 1.x, and Export reads. Every lead sample is about the same lead and every
 * opportunity sample about the same opportunity, so the record timeline has a story.
 */

export const WORKSPACE_ID = '7c1e4b52-93d0-4a6f-b8e1-5d2f0a9c4e17';

const LEAD_ID = '250314000101234567890LE';
export const LEAD_KEY = encodeKey('Lead', LEAD_ID);
const ADDRESS_KEY = encodeKey('Address', LEAD_ID);
const OPPORTUNITY_ID = '250314251200345670001O';
export const OPPORTUNITY_KEY = encodeKey('Opportunity', OPPORTUNITY_ID);
// The same user, spelled in two cases, as Maximizer does.
const USER_UPPER = encodeKey('User', 'JSMITH', null);
const USER_LOWER = encodeKey('User', 'JSmith', null);
const PROCESS_KEY = encodeKey('SalesProcess', 'DEFAULT');
const STAGE_QUALIFIED = encodeKey('SalesProcessStageSetup', '250101251000000000003G');
const STAGE_PRESENTATION = encodeKey('SalesProcessStageSetup', '250101251000000000004G');
const LEAD_PROCESS_KEY = encodeKey('ProcessSetup', '@*/LEAD');
const LEAD_STAGE_KEY = encodeKey('ProcessStageSetup', '@*/LEAD', '2');

/** What a lead create writes: every field the user filled in. */
export function leadCreated(): Record<string, unknown> {
  return {
    Key: LEAD_KEY,
    CompanyName: 'Northwind Paper Co.',
    MrMs: 'Ms.',
    FirstName: 'Ada',
    MiddleName: 'K.',
    LastName: 'Moreau',
    Salutation: 'Dear Ada',
    Position: 'Purchasing Manager',
    Email: 'ada.moreau@northwind.example',
    Website: 'https://northwind.example/',
    AssignedTo: USER_LOWER,
    Status: 1,
    Address: {
      AddressLine1: '1200 Harbour Street',
      AddressLine2: 'Suite 400',
      City: 'Halifax',
      StateProvince: 'NS',
      ZipCode: 'B3H 1A1',
      Country: 'Canada',
    },
    Phone1: { Default: true, Number: '1-902-555-0142', Description: 'Main', Extension: '12' },
    Phone2: { Number: '1-902-555-0199' },
    'Udf/$TYPEID(41020)': ['3'],
    'Udf/$TYPEID(41021)': 4.0,
    CloseDate: '2025-06-30T04:00:00Z',
  };
}

/** The full lead as Maximizer holds it after the create (what Original carries on update/delete). */
export function leadRecord(): Record<string, unknown> {
  const created = leadCreated();
  return {
    ...created,
    Address: {
      Key: ADDRESS_KEY,
      ...(created.Address as object),
      Creator: USER_UPPER,
      CreationDate: '2025-03-14T13:02:11Z',
      ModifiedBy: USER_UPPER,
      LastModifyDate: '2025-03-14T13:02:11Z',
    },
    Phone2: { Default: false, Description: '', Number: '1-902-555-0199', Extension: '' },
    Creator: USER_UPPER,
    CreationDate: '2025-03-14T13:02:11Z',
    ModifiedBy: USER_UPPER,
    LastModifyDate: '2025-03-14T13:02:11Z',
    FullName: 'Moreau, Ada K. — Purchasing Manager, Northwind Paper Co.',
    Age: 3.0,
    ProcessSetupKey: LEAD_PROCESS_KEY,
    ProcessStageSetupKey: LEAD_STAGE_KEY,
    SecAccess: 'Public',
  };
}

/**
 * What a lead update writes: Key plus the fields the user saved. Some are equal to
 * Original (Maximizer sends every field of the edited form), some changed, nested ones too.
 */
export function leadWritten(): Record<string, unknown> {
  return {
    Key: LEAD_KEY,
    CompanyName: 'Northwind Paper & Pulp Co.',
    FirstName: 'Ada',
    LastName: 'Moreau-Lavigne',
    Position: 'Director of Purchasing',
    Email: 'ada.moreau@northwind.example',
    Status: 2,
    Address: { City: 'Dartmouth', ZipCode: 'B2Y 4A6' },
    Phone1: { Number: '1-902-555-0143', Extension: '12' },
    'Udf/$TYPEID(41020)': ['3', '5'],
    FullName: 'Moreau-Lavigne, Ada K. — Director of Purchasing, Northwind Paper & Pulp Co.',
  };
}

/** A stage change 1.1: camelCase fields, stage key and name written, the rest in Original. */
export function stageOriginal(): Record<string, unknown> {
  return {
    key: OPPORTUNITY_KEY,
    salesStageSetupKey: STAGE_QUALIFIED,
    salesStageSetupName: 'Qualified',
    salesProcessSetupKey: PROCESS_KEY,
    salesProcessSetupName: 'Sales Process',
    objective: 'Renew 2025 paper supply contract',
    revenue: 48000.0,
    userKey: USER_UPPER,
  };
}

export function stageWritten(): Record<string, unknown> {
  return { key: OPPORTUNITY_KEY, salesStageSetupKey: STAGE_PRESENTATION, salesStageSetupName: 'Presentation' };
}

export const exportOriginal = (entityType: 1 | 2, rows: number): Record<string, unknown> => ({
  entityType,
  userKey: USER_UPPER,
  rows,
});
