import { useEffect } from 'react';
import { DETAIL_TABS, openDetail, useEvents } from '../store/events';
import { copyBody } from '../detail/actions';
import { toast } from '../common/toast';
import { deleteCurrent } from './actions';

/** Keys typed into a field, a select or the code viewer belong to that control. */
function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) || !!target.closest('.cm-editor');
}

/**
 * The list's shortcuts: ↑/↓ or j/k move, Enter opens, / searches, c copies the body,
 * 1–5 pick a tab, p pauses, g jumps to the newest, Esc backs out one step, ? shows help;
 * Space/x selects a row, Shift+↑/↓ extends, Ctrl/⌘+A selects all, Delete deletes.
 */
export function useListKeyboard(actions: { jumpTop: () => void; toggleHelp: () => void }) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // An open dialog (shortcuts, confirm, compare) owns the keyboard, Esc included.
      if (e.defaultPrevented || document.querySelector('[role="dialog"], [role="alertdialog"]')) return;
      const s = useEvents.getState();
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'a' && !typing(e.target) && !window.getSelection()?.toString()) {
        s.selectAll();
        e.preventDefault();
        return;
      }
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === 'Escape') {
        if (typing(e.target)) (e.target as HTMLElement).blur();
        else if (s.selection.ids.size) s.clearSelection();
        else if (s.openId !== null) s.close();
        else s.clearFilters();
        return;
      }
      if (typing(e.target)) return;
      const key = e.key;
      if (e.shiftKey && (key === 'ArrowDown' || key === 'ArrowUp')) {
        s.moveCursor(key === 'ArrowDown' ? 1 : -1, true);
        e.preventDefault();
        return;
      }
      const handled = (() => {
        switch (key) {
          case 'ArrowDown':
          case 'j':
            s.moveCursor(1);
            return true;
          case 'ArrowUp':
          case 'k':
            s.moveCursor(-1);
            return true;
          case 'Enter':
            if (s.cursor !== null) void s.open(s.cursor);
            return true;
          case ' ':
          case 'x':
            if (s.cursor !== null) s.toggleSelected(s.cursor);
            return true;
          case 'Delete':
          case 'Backspace':
            deleteCurrent();
            return true;
          case '/':
            document.getElementById('event-search')?.focus();
            return true;
          case 'c': {
            const detail = openDetail();
            if (detail) copyBody(detail);
            else toast('Open an event first (Enter)');
            return true;
          }
          case 'p':
            s.togglePaused();
            return true;
          case 'g':
            actions.jumpTop();
            return true;
          case '?':
            actions.toggleHelp();
            return true;
          default:
            if (/^[1-5]$/.test(key) && s.openId !== null) {
              s.setTab(DETAIL_TABS[Number(key) - 1]!);
              return true;
            }
            return false;
        }
      })();
      if (handled) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [actions]);
}
