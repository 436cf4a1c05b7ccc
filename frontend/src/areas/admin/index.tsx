import type { Area } from '../types';
import { Page } from '../../components/ui';
import { useTranslation } from 'react-i18next';

function Home() {
  const { t } = useTranslation('admin');
  return <Page title={t('title')}>{null}</Page>;
}

export const area: Area = {
  id: 'admin',
  roles: ['ADMIN'],
  nav: [{ to: '/admin', label: 'nav.home' }],
  routes: [{ path: '/admin', element: <Home /> }],
};
