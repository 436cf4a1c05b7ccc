import type { Area } from '../types';
import { Page } from '../../components/ui';
import { useTranslation } from 'react-i18next';

function Home() {
  const { t } = useTranslation('manager');
  return <Page title={t('title')}>{null}</Page>;
}

export const area: Area = {
  id: 'manager',
  roles: ['MANAGER'],
  lineManagers: true,
  nav: [{ to: '/team', label: 'nav.home' }],
  routes: [{ path: '/team', element: <Home /> }],
};
