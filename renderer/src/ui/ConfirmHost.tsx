import * as AlertDialog from '@radix-ui/react-alert-dialog';
import { useConfirm } from './confirm';

/** Mounted once by the app shell. */
export function ConfirmHost() {
  const pending = useConfirm((s) => s.pending);
  const settle = (ok: boolean) => {
    pending?.resolve(ok);
    useConfirm.setState({ pending: null });
  };
  return (
    <AlertDialog.Root open={!!pending} onOpenChange={(open) => !open && settle(false)}>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="overlay" />
        <AlertDialog.Content className="dialog" data-testid="confirm-dialog">
          <AlertDialog.Title asChild>
            <h2>{pending?.title}</h2>
          </AlertDialog.Title>
          <AlertDialog.Description className="dialog-body">{pending?.body}</AlertDialog.Description>
          <div className="dialog-actions">
            <AlertDialog.Cancel className="btn" data-testid="confirm-cancel">
              Cancel
            </AlertDialog.Cancel>
            <AlertDialog.Action className={`btn ${pending?.danger ? 'btn-danger-solid' : 'btn-primary'}`} onClick={() => settle(true)} data-testid="confirm-ok">
              {pending?.confirm}
            </AlertDialog.Action>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
