import * as RadixCheckbox from '@radix-ui/react-checkbox';
import { useId, type ReactNode } from 'react';
import { Icon } from '../common/Icon';

/** A styled checkbox with its label; the label text is clickable, keyboard Space toggles. */
export function Checkbox({
  checked,
  onChange,
  label,
  disabled,
  testId,
}: {
  checked: boolean;
  onChange: (checked: boolean) => void;
  label: ReactNode;
  disabled?: boolean;
  testId?: string;
}) {
  const id = useId();
  return (
    <span className="checkbox">
      <RadixCheckbox.Root
        id={id}
        className="checkbox-box"
        checked={checked}
        disabled={disabled}
        onCheckedChange={(v) => onChange(v === true)}
        data-testid={testId}
      >
        <RadixCheckbox.Indicator className="checkbox-mark">
          <Icon name="check" size={12} />
        </RadixCheckbox.Indicator>
      </RadixCheckbox.Root>
      <label htmlFor={id}>{label}</label>
    </span>
  );
}
