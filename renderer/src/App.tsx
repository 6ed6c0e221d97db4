import { EventsView } from './events/EventsView';
import { ForwardingView } from './forwarding/ForwardingView';
import { ShapesView } from './shapes/ShapesView';
import { LatencyView } from './shapes/LatencyView';
import { ForwardingStatus } from './forwarding/ForwardingStatus';
import { UnreadBadge } from './events/UnreadBadge';
import { SettingsView } from './settings/SettingsView';
import { GeneralSettings } from './settings/GeneralSettings';
import { Header } from './shell/Header';
import { Nav } from './shell/Nav';
import { StatusBar } from './shell/StatusBar';
import { ConnectionStatusItem, SubscriptionsView } from './subscriptions/SubscriptionsView';
import { useSection } from './shell/route';
import { AppVersion, EventCounts, IndexLag, LiveState, NotifyToggle, ReceiverStatus, StreamStatus } from './shell/StatusItems';
import type { Section, SettingsPanel } from './shell/types';
import { Toasts } from './common/Toasts';
import { ConfirmHost } from './ui/confirm';
import { ConnectionsPanel } from './connection/ConnectionsPanel';
import { TunnelStatus } from './tunnel/TunnelStatus';
import { TunnelSettings } from './tunnel/TunnelSettings';

// ─── Nav tabs ────────────────────────────────────────────────────────────────
// One line per section. Features replace their placeholder with their own view
// (renderer/src/<feature>/), e.g. `View: SubscriptionsView`.
const SECTIONS: Section[] = [
  { id: 'events', label: 'Events', View: EventsView, Badge: UnreadBadge },
  { id: 'shapes', label: 'Shapes', View: ShapesView },
  { id: 'latency', label: 'Latency', View: LatencyView },
  { id: 'subscriptions', label: 'Subscriptions', View: SubscriptionsView },
  { id: 'forwarding', label: 'Forwarding', View: ForwardingView },
  { id: 'settings', label: 'Settings', View: () => <SettingsView panels={SETTINGS_PANELS} /> },
];

// ─── Settings panels ─────────────────────────────────────────────────────────
// One line per panel, shown in order on the Settings tab (e.g. Connection, Tunnel).
const SETTINGS_PANELS: SettingsPanel[] = [
  { id: 'general', title: 'Inspector', Panel: GeneralSettings },
  { id: 'connections', title: 'Maximizer connections', Panel: ConnectionsPanel },
  { id: 'tunnel', title: 'Public URL (localtunnel)', Panel: TunnelSettings },
];

// ─── Status bar ──────────────────────────────────────────────────────────────
// One line per item; each is a self-contained component that renders null when it has nothing to say.
const STATUS_LEFT = [
  StreamStatus,
  ReceiverStatus,
  TunnelStatus,
  ConnectionStatusItem,
  ForwardingStatus,
];
const STATUS_RIGHT = [LiveState, IndexLag, EventCounts, NotifyToggle, AppVersion];

export function App() {
  const current = useSection('events');
  const section = SECTIONS.find((s) => s.id === current) ?? SECTIONS[0]!;
  return (
    <div className="app">
      <Header nav={<Nav sections={SECTIONS} current={section.id} />} />
      <main className="content" data-section={section.id}>
        <section.View />
      </main>
      <StatusBar left={STATUS_LEFT} right={STATUS_RIGHT} />
      <Toasts />
      <ConfirmHost />
    </div>
  );
}
