export const SHORTCUTS: [keys: string[], action: string][] = [
  [['↑', '↓'], 'Move through the list (also k / j)'],
  [['Enter'], 'Open the highlighted event'],
  [['Space'], 'Select or unselect the highlighted event (also x; Ctrl/⌘-click a row)'],
  [['Shift', '↑', '↓'], 'Extend the selection (also Shift-click)'],
  [['Ctrl', 'A'], 'Select every loaded event'],
  [['Delete'], 'Delete the selected events, or the open one (asks first)'],
  [['/'], 'Search (full text)'],
  [['c'], 'Copy the open event’s raw body'],
  [['1', '…', '5'], 'Changes · Event · Request · Attempts · Timeline'],
  [['p'], 'Pause / resume live updates'],
  [['g'], 'Jump to the newest event'],
  [['Esc'], 'Leave the search, clear the selection, close the event, then clear filters'],
  [['?'], 'Show these shortcuts'],
];

export function Shortcuts() {
  return (
    <table className="shortcuts">
      <tbody>
        {SHORTCUTS.map(([keys, action]) => (
          <tr key={action}>
            <td>{keys.map((k) => (k === '…' ? <span key={k}> … </span> : <kbd key={k}>{k}</kbd>))}</td>
            <td>{action}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
