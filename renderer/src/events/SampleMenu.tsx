import { SAMPLE_KINDS, SAMPLES } from '@shared/samples';
import { Icon } from '../common/Icon';
import { Menu, MenuItem } from '../ui/Menu';
import { sendSample } from './send-sample';

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
