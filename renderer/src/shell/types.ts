import type { ComponentType } from 'react';

/** One top-level view behind a nav tab. */
export interface Section {
  id: string;
  label: string;
  View: ComponentType;
  /** A small count or dot beside the label (e.g. unread events). */
  Badge?: ComponentType;
}

/** One panel of the Settings view. */
export interface SettingsPanel {
  id: string;
  title: string;
  Panel: ComponentType;
}
