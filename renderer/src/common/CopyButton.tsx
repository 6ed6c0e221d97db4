import type { ReactNode } from 'react';
import { copyText } from './clipboard';
import { Icon } from './Icon';

interface Props {
  /** The text, or a function computing it at click time (large bodies, cURL). */
  text: string | (() => string);
  label?: ReactNode;
  /** Toast text after copying. */
  done?: string;
  title?: string;
  className?: string;
  testId?: string;
}

export function CopyButton({ text, label, done = 'Copied', title, className = '', testId }: Props) {
  return (
    <button
      type="button"
      className={`btn btn-ghost btn-sm ${className}`}
      title={title ?? 'Copy to clipboard'}
      data-testid={testId}
      onClick={(e) => {
        e.stopPropagation();
        void copyText(typeof text === 'function' ? text() : text, done);
      }}
    >
      <Icon name="copy" />
      {label && <span>{label}</span>}
    </button>
  );
}
