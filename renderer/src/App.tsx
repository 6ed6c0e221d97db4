import { EventsView } from './events/EventsView';
import { ForwardingStatus } from './forwarding/ForwardingStatus';
import { UnreadBadge } from './events/UnreadBadge';
import { Header } from './shell/Header';
import { afterFirstPaint } from './shell/after-first-paint';
import { lazyView } from './shell/lazy-view';
import { Nav } from './shell/Nav';
import { StatusBar } from './shell/StatusBar';
import { ConnectionStatusItem } from './subscriptions/ConnectionStatusItem';
import { useSection } from './shell/route';
import { AppVersion, EventCounts, IndexLag, LiveState, NotifyToggle, ReceiverStatus, StreamStatus } from './shell/StatusItems';
import type { Section, SettingsPanel } from './shell/types';
import { Toasts } from './common/Toasts';
import { TunnelStatus } from './tunnel/TunnelStatus';

// ─── Nav tabs ────────────────────────────────────────────────────────────────
// One line per section. Features replace their placeholder with their own view
// (renderer/src/<feature>/), e.g. `View: SubscriptionsView`. Only Events is in the first
// chunk; every other view is a chunk of its own, loaded when first opened (see lazyView).
const SECTIONS: Section[] = [
  { id: 'events', label: 'Events', View: EventsView, Badge: UnreadBadge },
  { id: 'shapes', label: 'Shapes', View: lazyView(() => import('./shapes/ShapesView').then((m) => m.ShapesView)) },
  { id: 'latency', label: 'Latency', View: lazyView(() => import('./shapes/LatencyView').then((m) => m.LatencyView)) },
  { id: 'subscriptions', label: 'Subscriptions', View: lazyView(() => import('./subscriptions/SubscriptionsView').then((m) => m.SubscriptionsView)) },
  { id: 'forwarding', label: 'Forwarding', View: lazyView(() => import('./forwarding/ForwardingView').then((m) => m.ForwardingView)) },
  { id: 'settings', label: 'Settings', View: lazyView(() => import('./settings/SettingsView').then((m) => () => <m.SettingsView panels={SETTINGS_PANELS} />)) },
];

// ─── Settings panels ─────────────────────────────────────────────────────────
// One line per panel, shown in order on the Settings tab (e.g. Connection, Tunnel).
const SETTINGS_PANELS: SettingsPanel[] = [
  { id: 'general', title: 'Inspector', Panel: lazyView(() => import('./settings/GeneralSettings').then((m) => m.GeneralSettings)) },
  { id: 'connections', title: 'Maximizer connections', Panel: lazyView(() => import('./connection/ConnectionsPanel').then((m) => m.ConnectionsPanel)) },
  { id: 'tunnel', title: 'Public URL (localtunnel)', Panel: lazyView(() => import('./tunnel/TunnelSettings').then((m) => m.TunnelSettings)) },
];

// ─── Status bar ──────────────────────────────────────────────────────────────
// One line per item; each is a self-contained component that renders null when it has nothing to say.
const STATUS_LEFT = [StreamStatus, ReceiverStatus, TunnelStatus, ConnectionStatusItem, ForwardingStatus];
const STATUS_RIGHT = [LiveState, IndexLag, EventCounts, NotifyToggle, AppVersion];

const ConfirmHost = afterFirstPaint(() => import('./ui/ConfirmHost').then((m) => m.ConfirmHost));

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
