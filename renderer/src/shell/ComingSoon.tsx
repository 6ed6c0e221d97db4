import type { ComponentType } from 'react';

/** Stand-in for a section whose feature folder has not landed yet. */
export function comingSoon(title: string, text: string): ComponentType {
  return function ComingSoon() {
    return (
      <div className="placeholder">
        <h2>{title}</h2>
        <p className="muted">{text}</p>
      </div>
    );
  };
}
