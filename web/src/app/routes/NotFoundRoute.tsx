import { Link } from 'react-router';
import { useMessages } from '../../i18n/messages.ts';
import { appMessages } from '../app.messages.ts';

export function NotFoundRoute() {
  const t = useMessages(appMessages);
  return (
    <section className="card">
      <h1>{t('pageNotFound')}</h1>
      <p>
        <Link to="/">{t('backToProjects')}</Link>
      </p>
    </section>
  );
}
