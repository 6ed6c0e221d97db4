import { SAMPLE_KINDS, SAMPLES, type SampleKind } from '@shared/samples';
import { useEvents } from '../store/events';
import { Icon } from '../common/Icon';
import { toast } from '../common/toast';
import { reportError } from '../errors';
import { Menu, MenuItem } from '../ui/Menu';

export async function sendSample(kind: SampleKind): Promise<void> {
  try {
    const status = await useEvents.getState().sendSample(kind);
    if (status !== 200) toast(`The receiver answered ${status} to the sample`, 'error');
  } catch (error) {
    reportError(error, 'Could not send the sample');
  }
}

/** "Send sample ▾": posts a built-in Maximizer-shaped webhook to this app's receiver. */
export function SampleMenu({ compact }: { compact?: boolean }) {
  return (
    <Menu
      label="Sample events"
      trigger={
        <button
          type="button"
          className={`btn btn-sm ${compact ? 'btn-ghost' : 'btn-primary'}`}
          data-testid="sample-menu"
          title="Send a built-in sample webhook to the receiver"
        >
          <Icon name="send" /> {compact ? 'Sample' : 'Send a sample event'} <Icon name="chevronDown" size={12} />
        </button>
      }
    >
      {SAMPLE_KINDS.map((kind) => (
        <MenuItem key={kind} testId={`sample-${kind}`} onSelect={() => void sendSample(kind)}>
          <span>{SAMPLES[kind].label}</span>
          <span className="muted small">{SAMPLES[kind].description}</span>
        </MenuItem>
      ))}
    </Menu>
  );
}
