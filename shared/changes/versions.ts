/** Data.Version as two integers (CONTRACT §6): "1.13" is major 1, minor 13, newer than "1.2". */
export interface Version {
  major: number;
  minor: number;
  /** The text it was parsed from. */
  text: string;
}

/**
 * Null when missing or not `major[.minor]`. A JSON number is read through its string form,
 * so 0.1 is 0.1; a number cannot keep trailing zeros (1.10 arrives as 1.1), which is why
 * the envelope keeps Version as text.
 */
export function parseVersion(value: string | number | null | undefined): Version | null {
  if (value === null || value === undefined) return null;
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value;
  const match = /^\s*(\d+)(?:\.(\d+))?\s*$/.exec(text);
  return match ? { major: Number(match[1]), minor: Number(match[2] ?? 0), text: text.trim() } : null;
}

/** Orders versions numerically; unknown (null or unparseable) sorts before every known version. */
export function compareVersions(a: string | number | null | undefined, b: string | number | null | undefined): number {
  const left = parseVersion(a);
  const right = parseVersion(b);
  if (!left || !right) return (left ? 1 : 0) - (right ? 1 : 0);
  return left.major - right.major || left.minor - right.minor;
}

export interface VersionBadge {
  /** `v1.1`, or `v?` when unknown. */
  label: string;
  known: boolean;
  major: number | null;
  minor: number | null;
  /** Tooltip text. */
  title: string;
}

export function versionBadge(value: string | number | null | undefined): VersionBadge {
  const version = parseVersion(value);
  if (!version) {
    const raw = value === null || value === undefined ? 'missing' : `"${String(value)}" (unparseable)`;
    return { label: 'v?', known: false, major: null, minor: null, title: `Version ${raw}: treated as unknown` };
  }
  return {
    label: `v${version.major}.${version.minor}`,
    known: true,
    major: version.major,
    minor: version.minor,
    title: `Major ${version.major} (breaking changes), minor ${version.minor}`,
  };
}
