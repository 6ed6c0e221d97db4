import type { DetailTab } from '../store/events';

export interface TabSpec {
  id: DetailTab;
  label: string;
  count?: number;
  disabled?: string | false;
}

export function Tabs({ tabs, active, onSelect }: { tabs: TabSpec[]; active: DetailTab; onSelect: (tab: DetailTab) => void }) {
  return (
    <div className="tabs" role="tablist">
      {tabs.map((tab, i) => (
        <button
          key={tab.id}
          type="button"
          role="tab"
          aria-selected={tab.id === active}
          className={`tab ${tab.id === active ? 'active' : ''}`}
          disabled={!!tab.disabled}
          title={tab.disabled || `${tab.label} (${i + 1})`}
          onClick={() => onSelect(tab.id)}
          data-testid={`tab-${tab.id}`}
        >
          {tab.label}
          {tab.count !== undefined && <span className="tab-count">{tab.count}</span>}
        </button>
      ))}
    </div>
  );
}
