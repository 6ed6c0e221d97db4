import * as RadixToggle from '@radix-ui/react-toggle';
import type { ReactNode } from 'react';

/** An on/off button (e.g. Wrap, Pretty): pressed state announced, styled as a chip. */
export function Toggle({
  pressed,
  onChange,
  children,
  title,
  testId,
}: {
  pressed: boolean;
  onChange: (pressed: boolean) => void;
  children: ReactNode;
  title?: string;
  testId?: string;
}) {
  return (
    <RadixToggle.Root className="btn btn-sm toggle" pressed={pressed} onPressedChange={onChange} title={title} data-testid={testId}>
      {children}
    </RadixToggle.Root>
  );
}
