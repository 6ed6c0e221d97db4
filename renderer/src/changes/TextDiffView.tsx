import type { TextDiff } from '@shared/changes';
import { count } from '../common/format';

/** Equal stretches longer than this are shortened around the edits, so a 1 MB string stays readable. */
const CONTEXT = 80;

/** Inline character diff of a changed long string: deletions struck, insertions marked. */
export function TextDiffView({ diff }: { diff: TextDiff }) {
  const last = diff.segments.length - 1;
  return (
    <span
      className="text-diff"
      data-testid="text-diff"
      title={diff.mode === 'chars' ? 'Character diff' : diff.mode === 'lines' ? 'Line diff' : 'Differing middle (too large for a character diff)'}
    >
      {diff.segments.map((segment, i) => {
        if (segment.op === 'insert') return <ins key={i}>{segment.text}</ins>;
        if (segment.op === 'delete') return <del key={i}>{segment.text}</del>;
        return <span key={i}>{shorten(segment.text, i === 0, i === last)}</span>;
      })}
    </span>
  );
}

function shorten(text: string, first: boolean, last: boolean): string {
  if (text.length <= CONTEXT * 2 + 20) return text;
  if (first) return `…${text.slice(-CONTEXT)}`;
  if (last) return `${text.slice(0, CONTEXT)}…`;
  return `${text.slice(0, CONTEXT)} … ${count(text.length - CONTEXT * 2)} equal characters … ${text.slice(-CONTEXT)}`;
}
