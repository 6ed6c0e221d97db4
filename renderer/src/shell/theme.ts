import { create } from 'zustand';

export type ThemeChoice = 'system' | 'light' | 'dark';
const STORAGE = 'mwi.theme';

function apply(choice: ThemeChoice): void {
  if (choice === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = choice;
}

const initial = ((): ThemeChoice => {
  const value = localStorage.getItem(STORAGE);
  return value === 'light' || value === 'dark' ? value : 'system';
})();
apply(initial);

/** Light/dark follows the OS unless the user picks one (styles.css keys off `data-theme`). */
export const useTheme = create<{ choice: ThemeChoice; setChoice(choice: ThemeChoice): void }>((set) => ({
  choice: initial,
  setChoice(choice) {
    localStorage.setItem(STORAGE, choice);
    apply(choice);
    set({ choice });
  },
}));
