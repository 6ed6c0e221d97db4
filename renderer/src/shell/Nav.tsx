import type { Section } from './types';
import { goToSection } from './route';

export function Nav({ sections, current }: { sections: readonly Section[]; current: string }) {
  return (
    <nav className="nav" role="tablist" aria-label="Sections">
      {sections.map(({ id, label, Badge }) => (
        <button
          key={id}
          type="button"
          role="tab"
          aria-selected={id === current}
          className={`nav-tab ${id === current ? 'active' : ''}`}
          data-testid={`nav-${id}`}
          onClick={() => goToSection(id)}
        >
          {label}
          {Badge && <Badge />}
        </button>
      ))}
    </nav>
  );
}
