import type { ReactNode } from 'react';
import { useStatus } from '../store/status';
import { CopyButton } from '../common/CopyButton';
import { maskSecretInUrl } from '@shared/secret-mask';

/** Brand, nav tabs, and the one thing a user needs first: where to send webhooks. */
export function Header({ nav }: { nav: ReactNode }) {
  const receiver = useStatus((s) => s.status?.receiver);
  return (
    <header className="topbar">
      <div className="brand">
        <span className="logo" aria-hidden="true">
          ◆
        </span>
        <span>Webhook Inspector</span>
        <span className="brand-sub">for Maximizer</span>
      </div>
      {nav}
      <div className="topbar-spacer" />
      {receiver && (
        <div className="receiver-chip" title="POST Maximizer webhooks here. The secret is part of the URL: hidden here, included when you copy it">
          <span className="receiver-label">Receiver</span>
          <code data-testid="receiver-url">{maskSecretInUrl(receiver.localUrl)}</code>
          <CopyButton text={receiver.localUrl} done="Copied the receiver URL" testId="copy-receiver-url" />
        </div>
      )}
    </header>
  );
}
