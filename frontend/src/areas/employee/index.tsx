import type { Area } from '../types';
import { Page } from '../../components/ui';
import { useTranslation } from 'react-i18next';

function Home() {
  const { t } = useTranslation('employee');
  return <Page title={t('title')}>{null}</Page>;
}

export const area: Area = {
  id: 'employee',
  roles: ['EMPLOYEE'],
  nav: [{ to: '/me', label: 'nav.home' }],
  routes: [{ path: '/me', element: <Home /> }],
};
