import * as Dropdown from '@radix-ui/react-dropdown-menu';
import type { ReactNode } from 'react';

/** A button that opens a menu: arrow keys move, Enter picks, Esc and a click outside close it. */
export function Menu({ trigger, children, label }: { trigger: ReactNode; children: ReactNode; label: string }) {
  return (
    <Dropdown.Root modal={false}>
      <Dropdown.Trigger asChild>{trigger}</Dropdown.Trigger>
      <Dropdown.Portal>
        <Dropdown.Content className="menu-list" align="end" sideOffset={4} aria-label={label}>
          {children}
        </Dropdown.Content>
      </Dropdown.Portal>
    </Dropdown.Root>
  );
}

export function MenuItem({ children, onSelect, testId }: { children: ReactNode; onSelect: () => void; testId?: string }) {
  return (
    <Dropdown.Item className="menu-item" onSelect={onSelect} data-testid={testId}>
      {children}
    </Dropdown.Item>
  );
}
