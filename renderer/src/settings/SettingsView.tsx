import type { SettingsPanel } from '../shell/types';

export function SettingsView({ panels }: { panels: readonly SettingsPanel[] }) {
  return (
    <div className="settings">
      {panels.map(({ id, title, Panel }) => (
        <section key={id} className="settings-panel" data-testid={`settings-${id}`}>
          <h2>{title}</h2>
          <Panel />
        </section>
      ))}
    </div>
  );
}
