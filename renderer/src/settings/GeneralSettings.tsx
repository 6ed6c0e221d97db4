import { isDesktop } from '../api';
import { useEvents } from '../store/events';
import { useNotify } from '../notifications/notify';
import { useStatus } from '../store/status';
import { useTheme, type ThemeChoice } from '../shell/theme';
import { toast } from '../common/toast';
import { plural } from '../common/format';
import { Checkbox } from '../ui/Checkbox';
import { Shortcuts } from './Shortcuts';
import { confirmDialog } from '../ui/confirm';

export function GeneralSettings() {
  const { enabled, setEnabled } = useNotify();
  const { choice, setChoice } = useTheme();
  const status = useStatus((s) => s.status);
  const clear = async () => {
    const n = status?.counts.events ?? 0;
    const ok = await confirmDialog({
      title: `Delete all ${plural(n, 'event')}?`,
      body: 'Every stored event, its raw requests and the rejection log are deleted. This cannot be undone.',
      confirm: 'Delete all',
      danger: true,
    });
    if (!ok) return;
    const deleted = await useEvents.getState().clearEvents();
    toast(`Deleted ${plural(deleted, 'event')}`);
  };
  return (
    <div className="form">
      <label className="form-row">
        <span className="label">Appearance</span>
        <select value={choice} onChange={(e) => setChoice(e.target.value as ThemeChoice)} data-testid="theme-select">
          <option value="system">Follow the system</option>
          <option value="light">Light</option>
          <option value="dark">Dark</option>
        </select>
      </label>
      <div className="form-row">
        <span className="label">Desktop notifications</span>
        <Checkbox
          checked={enabled}
          onChange={(on) => void setEnabled(on)}
          label={
            <span className="muted small">
              {isDesktop ? 'New webhooks while the window is in the background.' : 'Opt-in: the browser asks for permission first.'}
            </span>
          }
        />
      </div>
      {status && (
        <div className="form-row">
          <span className="label">Data folder</span>
          <code className="small">{status.dataDir}</code>
        </div>
      )}
      <div className="form-row">
        <span className="label">Stored events</span>
        <button type="button" className="btn btn-danger btn-sm" onClick={() => void clear()} data-testid="clear-events">
          Delete all events…
        </button>
      </div>
      <h3>Keyboard shortcuts</h3>
      <Shortcuts />
    </div>
  );
}
