import { useEffect, useState } from 'react';
import { effectiveTab, useEvents, useOpenEvent, type DetailTab } from '../store/events';
import { ChangesView } from '../changes/ChangesView';
import { TimelineView } from '../changes/TimelineView';
import { DetailHeader } from './DetailHeader';
import { VersionWarning } from './VersionWarning';
import { Tabs, type TabSpec } from './Tabs';
import { EventTab } from './EventTab';
import { RequestTab } from './RequestTab';
import { AttemptsTab } from './AttemptsTab';
import { EventForwards } from '../forwarding/EventForwards';
import { DetailPlaceholder } from './DetailPlaceholder';

export function DetailPane() {
  const { openId, detail, detailError, versionWarning } = useOpenEvent();
  const picked = useEvents((s) => s.tab);
  const setTab = useEvents((s) => s.setTab);
  const [requestIndex, setRequestIndex] = useState(0);
  useEffect(() => setRequestIndex(0), [openId]);

  if (openId === null) return <DetailPlaceholder />;
  if (detailError)
    return (
      <section className="detail">
        <div className="banner banner-error">
          Could not load event {openId}: {detailError}
        </div>
      </section>
    );
  if (!detail || detail.id !== openId)
    return (
      <section className="detail" aria-busy="true">
        <div className="muted pad">Loading…</div>
      </section>
    );

  const active = effectiveTab(detail, picked);
  const tabs: TabSpec[] = [
    { id: 'changes', label: 'Changes' },
    { id: 'event', label: 'Event' },
    { id: 'request', label: 'Request' },
    { id: 'attempts', label: 'Attempts', count: detail.requests.length },
    { id: 'timeline', label: 'Timeline', disabled: detail.recordKey ? false : 'This event carries no record Key' },
  ];
  const request = detail.requests[Math.min(requestIndex, detail.requests.length - 1)];
  const show = (tab: DetailTab) => setTab(tab);
  return (
    <section className="detail" data-testid="event-detail" data-event-id={detail.id}>
      <DetailHeader detail={detail} />
      {versionWarning && <VersionWarning warning={versionWarning} entity={detail.entity} />}
      <Tabs tabs={tabs} active={active} onSelect={show} />
      <div className="detail-body" data-tab={active}>
        {active === 'changes' && <ChangesView key={detail.id} detail={detail} onTimeline={detail.recordKey ? () => show('timeline') : undefined} />}
        {active === 'event' && <EventTab detail={detail} />}
        {active === 'request' &&
          (request ? (
            <RequestTab key={request.id} eventId={detail.id} request={request} index={requestIndex} total={detail.requests.length} />
          ) : (
            <div className="muted pad">No stored request for this event.</div>
          ))}
        {active === 'attempts' && (
          <AttemptsTab
            requests={detail.requests}
            onShow={(i) => {
              setRequestIndex(i);
              show('request');
            }}
          />
        )}
        {active === 'attempts' && <EventForwards eventId={detail.id} />}
        {active === 'timeline' && detail.recordKey && <TimelineView recordKey={detail.recordKey} currentId={detail.id} />}
      </div>
    </section>
  );
}
