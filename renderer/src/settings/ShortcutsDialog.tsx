import { Dialog } from '../ui/Dialog';
import { Shortcuts } from './Shortcuts';

/** `?` on the Events view: every keyboard shortcut, in a dialog. */
export function ShortcutsDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title="Keyboard shortcuts" testId="shortcuts-dialog">
      <Shortcuts />
    </Dialog>
  );
}
