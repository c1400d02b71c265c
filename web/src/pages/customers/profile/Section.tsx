// A part of the profile that can be shown and edited in place.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface SectionProps {
  title: ReactNode;
  intro?: ReactNode;
  /** The button in the corner (e.g. "Edit"), shown when the role may change the part. */
  action?: ReactNode;
  children: ReactNode;
  testId?: string;
}

export function Section({ title, intro, action, children, testId }: SectionProps) {
  return (
    <section className="card" data-testid={testId}>
      <div className="card__header">
        <div>
          <h2>{title}</h2>
          {intro && <p className="muted">{intro}</p>}
        </div>
        {action}
      </div>
      {children}
    </section>
  );
}

export function EditButton({ onClick, label }: { onClick(): void; label?: string }) {
  const { t } = useTranslation('customers');
  return <button type="button" className="button" onClick={onClick}>{label ?? t('actions.edit')}</button>;
}

/** A definition list row that says "—" for an empty value. */
export function Row({ label, children }: { label: ReactNode; children: ReactNode }) {
  const empty = children === null || children === undefined || children === '' || (Array.isArray(children) && children.length === 0);
  return (
    <div className="cust-dl__row">
      <dt>{label}</dt>
      <dd>{empty ? <span className="muted">—</span> : children}</dd>
    </div>
  );
}
