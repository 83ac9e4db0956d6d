import { Fragment } from 'react';
import { Link } from 'react-router';
import { useMessages } from '../i18n/messages.ts';
import { componentMessages } from './components.messages.ts';

/** Projects / ... / the current page: the trail every project page starts with. */
export function Breadcrumb({ trail = [], current }: { trail?: { to: string; label: string }[]; current: string }) {
  const t = useMessages(componentMessages);
  return (
    <nav aria-label={t('breadcrumb')} className="breadcrumb">
      <Link to="/">{t('projects')}</Link> <span aria-hidden="true">/</span>{' '}
      {trail.map((step) => (
        <Fragment key={step.to}>
          <Link to={step.to}>{step.label}</Link> <span aria-hidden="true">/</span>{' '}
        </Fragment>
      ))}
      <span aria-current="page">{current}</span>
    </nav>
  );
}
